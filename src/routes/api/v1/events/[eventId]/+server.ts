import type { RequestHandler } from './$types';
import { api, methodNotAllowed, noContent, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { eventAccess } from '#lib/server/api/access.ts';
import { eventPatchBody } from '#lib/server/api/inputs.ts';
import { deleteEvent, getEvent, updateEvent } from '#lib/server/events/service.ts';

export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const access = await eventAccess(user.id, event.params.eventId, 'event:view', deps);
	return ok({ ...(await getEvent(event.params.eventId, deps)), role: access.role });
});

/** A partial change: the given fields are merged into the current event and the whole is validated. */
export const PATCH: RequestHandler = api(async ({ event, user, deps }) => {
	const { eventId } = event.params;
	await eventAccess(user.id, eventId, 'event:manage', deps);
	const input = eventPatchBody(await getEvent(eventId, deps), await readJson(event.request));
	return ok(await updateEvent(eventId, input, user.id, deps));
});

/** Deletes the event with everything in it (agenda, memberships, participants). */
export const DELETE: RequestHandler = api(async ({ event, user, deps }) => {
	await deleteEvent(event.params.eventId, user.id, deps);
	return noContent();
});

export const fallback = methodNotAllowed('GET', 'PATCH', 'DELETE');
