import { csvDocument, type CsvOptions, type CsvValue } from './csv.ts';
import type { ExportedQuestion } from './questions-collect.ts';

/**
 * The CSV of questions (Q10), one row per question. As in the poll CSV, column names are stable
 * identifiers (like JSON keys), not translated words, so scripts and spreadsheet formulas built
 * on one export work on the next, whatever the language of whoever downloaded it. States and
 * hide reasons are the identifiers of the API (docs/api.md).
 */
export const QUESTION_COLUMNS = [
	'question_id',
	'session',
	'question',
	'name',
	'votes',
	'status',
	'hide_reason',
	'reply',
	'channel',
	'created_at',
	'answered_at'
] as const;

export function questionRow(q: ExportedQuestion): CsvValue[] {
	return [q.id, q.session.title, q.text, q.name, q.votes, q.status, q.hideReason, q.reply, q.channel, q.createdAt, q.answeredAt];
}

/** Byte order mark, header, rows; every text cell neutralised against formulas (P10, csv.ts). */
export function questionsCsv(questions: readonly ExportedQuestion[], options: CsvOptions): string {
	return csvDocument(QUESTION_COLUMNS, questions.map(questionRow), options);
}
