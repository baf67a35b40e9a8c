import { resultsVisibleToAudience, type FinalTally, type PollRecord } from '../polls/service.ts';
import type { PollState } from '../../shared/polls.ts';

/** A poll as the API shows it: the record with ISO times and whether the audience sees results now (P7). */
export function pollView(p: PollRecord) {
	return {
		id: p.id,
		sessionId: p.sessionId,
		eventId: p.eventId,
		position: p.position,
		kind: p.kind,
		question: p.question,
		options: p.options,
		config: p.config,
		state: p.state,
		allowChange: p.allowChange,
		resultsVisibility: p.resultsVisibility,
		resultsOverride: p.resultsOverride,
		resultsVisible: resultsVisibleToAudience(p),
		showNames: p.showNames,
		openedAt: p.openedAt === null ? null : new Date(p.openedAt).toISOString(),
		closedAt: p.closedAt === null ? null : new Date(p.closedAt).toISOString()
	};
}
export type PollView = ReturnType<typeof pollView>;

/** Results with the split everyone / in the room / online (P9). */
export function resultsView(state: PollState, tally: FinalTally) {
	return { state, all: tally.all, room: tally.room, online: tally.online };
}
