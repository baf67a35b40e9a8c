import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { pollCreateBody } from '#lib/server/api/poll-inputs.ts';
import { pollView } from '#lib/server/api/poll-view.ts';
import { createPoll, listPolls } from '#lib/server/polls/service.ts';

/** The session's polls in their order. Polls are moderation data: `session:moderate` (AC3). */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	return ok({ polls: (await listPolls(session.id, deps)).map(pollView) });
});

/** Adds a draft poll at the end of the session's list. */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	const created = await createPoll(session.id, pollCreateBody(await readJson(event.request)), user.id, deps);
	return ok(pollView(created), 201, { location: `/api/v1/polls/${encodeURIComponent(created.id)}` });
});

export const fallback = methodNotAllowed('GET', 'POST');
