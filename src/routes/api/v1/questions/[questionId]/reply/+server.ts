import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { questionAccess } from '#lib/server/api/qa-access.ts';
import { replyBody } from '#lib/server/api/qa-inputs.ts';
import { questionView } from '#lib/server/api/qa-view.ts';
import { replyToQuestion } from '#lib/server/qa/moderation.ts';

/** The moderator's reply shown under the question (plain text, Q8); `{ "reply": null }` removes it. */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const row = await questionAccess(user.id, event.params.questionId, deps);
	const reply = replyBody(await readJson(event.request));
	return ok(questionView(await replyToQuestion(row.id, reply, user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
