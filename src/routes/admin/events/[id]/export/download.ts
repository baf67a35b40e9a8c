import type { RequestEvent } from '@sveltejs/kit';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { exportScope, sessionsScope } from '#lib/server/exports/scope.ts';
import { pollsExportResponse, type ExportFormat } from '#lib/server/exports/download.ts';
import { questionsExportResponse } from '#lib/server/exports/questions-download.ts';

/**
 * Staff downloads of poll exports, available at any time, also while the event runs:
 * `polls.csv` / `polls.json` of the whole event, `?session=<id>` of one session, `?poll=<id>` of
 * one poll; CSV also `?summary=1` and `?delimiter=semicolon`. Needs a login and a role in the
 * event; only the sessions the user moderates are exported (exportScope).
 */
export async function pollsDownload(event: Pick<RequestEvent<{ id: string }>, 'locals' | 'url' | 'params'>, format: ExportFormat): Promise<Response> {
	const user = requireUser(event.locals, event.url);
	const d = deps();
	const q = event.url.searchParams;
	const scope = await orError(exportScope(user.id, event.params.id, { sessionId: q.get('session'), pollId: q.get('poll') }, d));
	return orError(pollsExportResponse(scope, format, q, d));
}

/**
 * Staff downloads of the questions (Q10), at any time: `questions.csv` / `questions.json` of every
 * session the user moderates, `?session=<id>` of one session; CSV also `?delimiter=semicolon`.
 */
export async function questionsDownload(event: Pick<RequestEvent<{ id: string }>, 'locals' | 'url' | 'params'>, format: ExportFormat): Promise<Response> {
	const user = requireUser(event.locals, event.url);
	const d = deps();
	const q = event.url.searchParams;
	const scope = await orError(sessionsScope(user.id, event.params.id, q.get('session'), d));
	return orError(questionsExportResponse(scope, format, q, d));
}
