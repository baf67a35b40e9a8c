import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { questionAccess } from '#lib/server/api/qa-access.ts';
import { highlightBody, readOptionalJson } from '#lib/server/api/qa-inputs.ts';
import { highlightQuestion } from '#lib/server/qa/moderation.ts';

/**
 * Puts the question on its session's stage, with the top five beside it when `top` is true (Q9).
 * A waiting question is approved by this; a hidden one is refused (409). Answers the stage snapshot.
 */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const row = await questionAccess(user.id, event.params.questionId, deps);
	const { top, expectedVersion } = highlightBody(await readOptionalJson(event.request));
	return ok(await highlightQuestion(row.session_id, row.id, top, user.id, deps, expectedVersion));
});

export const fallback = methodNotAllowed('POST');
