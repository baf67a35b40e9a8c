import type { RequestHandler } from './$types';
import { api, methodNotAllowed, noContent, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { sessionPatchBody } from '#lib/server/api/inputs.ts';
import { deleteSession, updateSession } from '#lib/server/events/service.ts';

export const GET: RequestHandler = api(async ({ event, user, deps }) => ok(await sessionAccess(user.id, event.params.sessionId, 'event:view', deps)));

/** A partial change: the given fields are merged into the current session and the whole is validated. */
export const PATCH: RequestHandler = api(async ({ event, user, deps }) => {
	const current = await sessionAccess(user.id, event.params.sessionId, 'event:manage', deps);
	const input = sessionPatchBody(current, await readJson(event.request));
	return ok(await updateSession(current.id, input, user.id, deps));
});

export const DELETE: RequestHandler = api(async ({ event, user, deps }) => {
	const current = await sessionAccess(user.id, event.params.sessionId, 'event:manage', deps);
	await deleteSession(current.id, user.id, deps);
	return noContent();
});

export const fallback = methodNotAllowed('GET', 'PATCH', 'DELETE');
