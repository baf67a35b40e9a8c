import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { collectPollExports } from './collect.ts';
import { csvOptionsFrom } from './csv.ts';
import { pollsJsonDocument } from './json.ts';
import { answersCsv, summaryCsv } from './polls-csv.ts';
import type { ExportScope } from './scope.ts';

export type ExportFormat = 'csv' | 'json';

/** `?summary=1` asks for the summary CSV instead of one row per answer. */
export function summaryFrom(params: URLSearchParams): boolean {
	const v = params.get('summary');
	if (v === null || v === '' || v === '0' || v === 'false') return false;
	if (v === '1' || v === 'true') return true;
	throw new AppError('invalid_payload', 'summary: must be 1 or 0');
}

/**
 * A file-name part in plain ASCII: browsers and mail programs mangle other characters in
 * `filename="…"`. German letters are spelled out (ü → ue) so names stay readable.
 */
export function fileSlug(text: string, max = 40): string {
	const spelled = text
		.toLowerCase()
		.replaceAll('ä', 'ae')
		.replaceAll('ö', 'oe')
		.replaceAll('ü', 'ue')
		.replaceAll('ß', 'ss')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '');
	return spelled
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+/, '')
		.slice(0, max)
		.replace(/-+$/, '');
}

/** `plenum-polls-<event>[-<session>][-poll-<n>][-summary].<ext>` */
export function exportFileName(scope: Pick<ExportScope, 'event' | 'session' | 'poll' | 'sessions'>, ext: ExportFormat, summary = false): string {
	const pollSession = scope.poll ? scope.sessions.find((s) => s.id === scope.poll!.sessionId) : null;
	const session = scope.session ?? pollSession ?? null;
	const parts = [scope.poll ? 'plenum-poll' : 'plenum-polls', fileSlug(scope.event.title)];
	if (session) parts.push(fileSlug(session.title));
	if (scope.poll) parts.push(String(scope.poll.position));
	if (summary) parts.push('summary');
	return `${parts.filter(Boolean).join('-')}.${ext}`;
}

export function download(body: string, contentType: string, fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${fileName}"`,
			// Answers are personal data: no shared cache keeps them, the browser only saves the file.
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}

/**
 * The export download of a scope, for the staff pages and the JSON API alike. Query options are
 * read before anything is loaded, so a wrong option costs nothing. CSV: `summary=1`,
 * `delimiter=semicolon`.
 */
export async function pollsExportResponse(
	scope: ExportScope,
	format: ExportFormat,
	params: URLSearchParams,
	deps: Pick<Deps, 'db' | 'clock'>
): Promise<Response> {
	if (format === 'json') {
		const doc = pollsJsonDocument(scope.event, await collectPollExports(scope.polls, scope.sessions, deps), deps.clock.now());
		return download(JSON.stringify(doc, null, 2) + '\n', 'application/json; charset=utf-8', exportFileName(scope, 'json'));
	}
	const summary = summaryFrom(params);
	const options = csvOptionsFrom(params);
	const polls = await collectPollExports(scope.polls, scope.sessions, deps);
	const text = summary ? summaryCsv(polls, options) : answersCsv(polls, options);
	return download(text, 'text/csv; charset=utf-8; header=present', exportFileName(scope, 'csv', summary));
}
