import { answerText } from './answers.ts';
import { csvDocument, type CsvOptions, type CsvValue } from './csv.ts';
import type { PollExport } from './collect.ts';
import { summaryRows } from './summary.ts';

/**
 * The two CSV exports of polls. Column names are stable identifiers (like JSON keys), so scripts
 * and spreadsheet formulas built on one export work on the next.
 */
export const ANSWER_COLUMNS = ['poll_id', 'session', 'question', 'kind', 'channel', 'answer', 'status', 'name', 'created_at'] as const;
export const SUMMARY_COLUMNS = ['poll_id', 'session', 'question', 'kind', 'item', 'measure', 'all', 'room', 'online'] as const;

/** One row per answer (P10): no participant id; a name only where the poll published it. */
export function answersCsv(polls: readonly PollExport[], options: CsvOptions): string {
	function* rows(): Generator<CsvValue[]> {
		for (const { poll, session, answers } of polls)
			for (const a of answers) yield [poll.id, session.title, poll.question, poll.kind, a.channel, answerText(a.answer), a.status, a.name, a.createdAt];
	}
	return csvDocument(ANSWER_COLUMNS, rows(), options);
}

/** One row per option, scale value, word or status, with the counts all / in the room / online (P9). */
export function summaryCsv(polls: readonly PollExport[], options: CsvOptions): string {
	function* rows(): Generator<CsvValue[]> {
		for (const exp of polls)
			for (const r of summaryRows(exp)) yield [exp.poll.id, exp.session.title, exp.poll.question, exp.poll.kind, r.item, r.measure, r.all, r.room, r.online];
	}
	return csvDocument(SUMMARY_COLUMNS, rows(), options);
}
