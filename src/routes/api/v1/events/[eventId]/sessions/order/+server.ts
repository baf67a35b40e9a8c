import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { eventAccess } from '#lib/server/api/access.ts';
import { sessionOrderBody } from '#lib/server/api/inputs.ts';
import { reorderSessions } from '#lib/server/events/service.ts';

/** Sets the whole agenda order at once; the list must name every session of the event exactly once. */
export const PUT: RequestHandler = api(async ({ event, user, deps }) => {
	const { eventId } = event.params;
	await eventAccess(user.id, eventId, 'event:manage', deps);
	return ok({ sessions: await reorderSessions(eventId, sessionOrderBody(await readJson(event.request)), user.id, deps) });
});

export const fallback = methodNotAllowed('PUT');
