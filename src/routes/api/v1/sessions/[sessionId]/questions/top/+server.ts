import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { readOptionalJson, topOnlyBody } from '#lib/server/api/qa-inputs.ts';
import { highlightQuestion } from '#lib/server/qa/moderation.ts';

/** The stage shows the five most upvoted questions, none highlighted (Q9). Answers the stage snapshot. */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	const { expectedVersion } = topOnlyBody(await readOptionalJson(event.request));
	return ok(await highlightQuestion(session.id, null, true, user.id, deps, expectedVersion));
});

export const fallback = methodNotAllowed('POST');
