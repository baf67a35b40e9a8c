import type { EventRecord } from '../events/service.ts';
import type { PollConfig, PollOption, PollState, Tally } from '../../shared/polls.ts';
import type { ExportedAnswer } from './answers.ts';
import type { PollExport } from './collect.ts';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const EXPORT_FORMAT_VERSION = 1;

export interface PollJson {
	id: string;
	session: { id: string; title: string };
	position: number;
	kind: string;
	question: string;
	options: PollOption[];
	settings: PollConfig & {
		allowChange: boolean;
		resultsVisibility: string;
		resultsOverride: 'shown' | 'hidden' | null;
		showNames: boolean;
	};
	state: PollState;
	openedAt: string | null;
	closedAt: string | null;
	results: { all: Tally; room: Tally; online: Tally };
	answers: ExportedAnswer[];
}

export interface PollsJsonDocument {
	format: 'plenum-polls';
	version: number;
	exportedAt: string;
	event: { id: string; title: string; timeZone: string };
	polls: PollJson[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function pollJson({ poll, session, results, answers }: PollExport): PollJson {
	return {
		id: poll.id,
		session,
		position: poll.position,
		kind: poll.kind,
		question: poll.question,
		options: poll.options,
		settings: {
			...poll.config,
			allowChange: poll.allowChange,
			resultsVisibility: poll.resultsVisibility,
			resultsOverride: poll.resultsOverride,
			showNames: poll.showNames
		},
		state: poll.state,
		openedAt: iso(poll.openedAt),
		closedAt: iso(poll.closedAt),
		results,
		answers
	};
}

/** The JSON export: the same document for one poll, a session and a whole event. */
export function pollsJsonDocument(event: EventRecord, polls: readonly PollExport[], exportedAt: number): PollsJsonDocument {
	return {
		format: 'plenum-polls',
		version: EXPORT_FORMAT_VERSION,
		exportedAt: new Date(exportedAt).toISOString(),
		event: { id: event.id, title: event.title, timeZone: event.timeZone },
		polls: polls.map(pollJson)
	};
}
