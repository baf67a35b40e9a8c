import type { RequestHandler } from './$types';
import { api, methodNotAllowed } from '#lib/server/api/handler.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { sessionsScope } from '#lib/server/exports/scope.ts';
import { questionsExportResponse } from '#lib/server/exports/questions-download.ts';

/** Every question of the session as CSV (Q10), at any time. \`?delimiter=semicolon\` for spreadsheets in German locales. */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	const scope = await sessionsScope(user.id, session.eventId, session.id, deps);
	return questionsExportResponse(scope, 'csv', event.url.searchParams, deps);
});

export const fallback = methodNotAllowed('GET');
