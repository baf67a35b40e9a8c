import type { Answer, PollKind, PollOption } from '../../shared/polls.ts';
import type { VoteRow } from '../polls/tally.ts';

/**
 * One answer as an export shows it (P10): readable (option labels, not ids), with the channel and
 * the time, and without anything that identifies the participant. A display name appears only
 * on open-text answers of a poll that shows names, because only there did the participant see
 * their name published next to their answer.
 */
export type ReadableAnswer =
	| { option: string }
	| { options: string[] }
	| { value: number }
	| { words: string[] }
	| { text: string }
	/** Labels from first to last place. */
	| { ranking: string[] };

export interface ExportedAnswer {
	channel: 'room' | 'online';
	answer: ReadableAnswer;
	/** Open text only: pending, approved or hidden. */
	status: string | null;
	name: string | null;
	/** ISO 8601, UTC. */
	createdAt: string;
}

export interface ExportPoll {
	kind: PollKind;
	options: PollOption[];
	showNames: boolean;
}

export type AnswerRow = Pick<VoteRow, 'channel' | 'answer' | 'status' | 'name'> & { createdAt: number };

/** Labels by option id; an id that is not (or no longer) an option shows as itself. */
function labeller(options: readonly PollOption[]): (id: string) => string {
	const labels = new Map(options.map((o) => [o.id, o.label]));
	return (id) => labels.get(id) ?? id;
}

export function readableAnswer(poll: Pick<ExportPoll, 'options'>, answer: Answer): ReadableAnswer {
	const label = labeller(poll.options);
	switch (answer.kind) {
		case 'single':
			return { option: label(answer.optionId) };
		case 'multiple': {
			// Stored sorted by id; shown in the order the poll lists its options.
			const order = new Map(poll.options.map((o, i) => [o.id, i]));
			const ids = [...answer.optionIds].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
			return { options: ids.map(label) };
		}
		case 'scale':
			return { value: answer.value };
		case 'wordcloud':
			return { words: [...answer.words] };
		case 'open':
			return { text: answer.text };
		case 'ranking':
			return { ranking: answer.optionIds.map(label) };
	}
}

/** The answer as one spreadsheet cell: "A; B", "4", "1. B; 2. A; 3. C", the text as typed. */
export function answerText(a: ReadableAnswer): string {
	if ('option' in a) return a.option;
	if ('options' in a) return a.options.join('; ');
	if ('value' in a) return String(a.value);
	if ('words' in a) return a.words.join('; ');
	if ('text' in a) return a.text;
	return a.ranking.map((l, i) => `${i + 1}. ${l}`).join('; ');
}

/** The participant's display name, only where the poll published it (P10). */
export function exportedName(poll: Pick<ExportPoll, 'kind' | 'showNames'>, name: string | null): string | null {
	return poll.kind === 'open' && poll.showNames ? name : null;
}

export function exportAnswer(poll: ExportPoll, row: AnswerRow): ExportedAnswer {
	return {
		channel: row.channel,
		answer: readableAnswer(poll, row.answer),
		status: poll.kind === 'open' ? row.status : null,
		name: exportedName(poll, row.name),
		createdAt: new Date(row.createdAt).toISOString()
	};
}
