import type { RequestHandler } from './$types';
import { api, methodNotAllowed } from '#lib/server/api/handler.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { getEvent } from '#lib/server/events/service.ts';
import { participantsExportResponse } from '#lib/server/exports/participants-download.ts';

/** A workshop's confirmed participants and waitlist as JSON (B10), the same fields as the CSV. */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	return participantsExportResponse(await getEvent(session.eventId, deps), session, 'json', event.url.searchParams, deps);
});

export const fallback = methodNotAllowed('GET');
