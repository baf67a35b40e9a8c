import type { RequestHandler } from './$types';
import { api, methodNotAllowed } from '#lib/server/api/handler.ts';
import { sessionsScope } from '#lib/server/exports/scope.ts';
import { questionsExportResponse } from '#lib/server/exports/questions-download.ts';

/**
 * Every question of every session of the event that the token user moderates, as CSV (Q10):
 * owners and moderators get the whole event, a workshop lead the sessions they lead.
 * `?delimiter=semicolon` for spreadsheets in German locales.
 */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const scope = await sessionsScope(user.id, event.params.eventId, null, deps);
	return questionsExportResponse(scope, 'csv', event.url.searchParams, deps);
});

export const fallback = methodNotAllowed('GET');
