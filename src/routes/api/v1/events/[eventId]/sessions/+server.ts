import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { eventAccess } from '#lib/server/api/access.ts';
import { sessionCreateBody } from '#lib/server/api/inputs.ts';
import { createSession, listSessions } from '#lib/server/events/service.ts';

/** The agenda in its order. */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	await eventAccess(user.id, event.params.eventId, 'event:view', deps);
	return ok({ sessions: await listSessions(event.params.eventId, deps) });
});

/** Adds a session at the end of the agenda. */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const { eventId } = event.params;
	await eventAccess(user.id, eventId, 'event:manage', deps);
	const created = await createSession(eventId, sessionCreateBody(await readJson(event.request)), user.id, deps);
	return ok(created, 201, { location: `/api/v1/sessions/${encodeURIComponent(created.id)}` });
});

export const fallback = methodNotAllowed('GET', 'POST');
