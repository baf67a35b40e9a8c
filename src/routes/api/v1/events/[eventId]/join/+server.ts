import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { eventAccess } from '#lib/server/api/access.ts';
import { eventJoin } from '#lib/server/api/join.ts';
import { getEvent, listSessions } from '#lib/server/events/service.ts';

/** Join codes, room and online links and QR image addresses of the event and of every session (J2). */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const { eventId } = event.params;
	await eventAccess(user.id, eventId, 'event:view', deps);
	const [ev, sessions] = await Promise.all([getEvent(eventId, deps), listSessions(eventId, deps)]);
	return ok(eventJoin(deps.publicOrigin, ev, sessions));
});

export const fallback = methodNotAllowed('GET');
