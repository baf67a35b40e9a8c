import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { qaSettingsBody } from '#lib/server/api/qa-inputs.ts';
import { getQaSettings, setQaSettings } from '#lib/server/qa/settings.ts';

/** The session's Q&A switch and moderation mode (Q3). */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	return ok(await getQaSettings(session.id, deps));
});

/** `{ enabled?, moderation? }`: the fields given change, the others stay. */
export const PATCH: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	const input = qaSettingsBody(await readJson(event.request));
	return ok(await setQaSettings(session.id, input, user.id, deps));
});

export const fallback = methodNotAllowed('GET', 'PATCH');
