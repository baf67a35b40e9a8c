import type { RequestHandler } from './$types';
import { api, methodNotAllowed } from '#lib/server/api/handler.ts';
import { pollAccess } from '#lib/server/api/access.ts';
import { exportScope } from '#lib/server/exports/scope.ts';
import { pollsExportResponse } from '#lib/server/exports/download.ts';

/**
 * The poll's answers as CSV, one row per answer (P10); `?summary=1` for one row per option,
 * value or word with the counts all / room / online; `?delimiter=semicolon` for spreadsheets
 * in German locales.
 */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const poll = await pollAccess(user.id, event.params.pollId, deps);
	const scope = await exportScope(user.id, poll.eventId, { pollId: poll.id }, deps);
	return pollsExportResponse(scope, 'csv', event.url.searchParams, deps);
});

export const fallback = methodNotAllowed('GET');
