import type { Deps } from '../deps.ts';
import { csvOptionsFrom } from './csv.ts';
import { fileSlug, type ExportFormat } from './download.ts';
import { collectQuestions } from './questions-collect.ts';
import { questionsCsv } from './questions-csv.ts';
import { questionsJsonDocument } from './questions-json.ts';
import type { SessionsScope } from './scope.ts';

/** `plenum-questions-<event>[-<session>].<ext>`, plain ASCII like the poll exports. */
export function questionsFileName(scope: Pick<SessionsScope, 'event' | 'session'>, ext: ExportFormat): string {
	const parts = ['plenum-questions', fileSlug(scope.event.title)];
	if (scope.session) parts.push(fileSlug(scope.session.title));
	return `${parts.filter(Boolean).join('-')}.${ext}`;
}

/**
 * The question export of a scope (Q10), for the staff downloads and the JSON API alike, at any
 * time. CSV: `?delimiter=semicolon`, read before anything is loaded. Questions, names and
 * replies are personal data: no shared cache keeps the file.
 */
export async function questionsExportResponse(
	scope: SessionsScope,
	format: ExportFormat,
	params: URLSearchParams,
	deps: Pick<Deps, 'db' | 'clock'>
): Promise<Response> {
	const options = format === 'csv' ? csvOptionsFrom(params) : null;
	const questions = await collectQuestions(scope.sessions, deps);
	const body = options ? questionsCsv(questions, options) : JSON.stringify(questionsJsonDocument(scope.event, questions, deps.clock.now()), null, 2) + '\n';
	return new Response(body, {
		headers: {
			'content-type': options ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${questionsFileName(scope, format)}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
