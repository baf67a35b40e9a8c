import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { questionAccess } from '#lib/server/api/qa-access.ts';
import { moderateBody } from '#lib/server/api/qa-inputs.ts';
import { questionView } from '#lib/server/api/qa-view.ts';
import { moderateQuestion } from '#lib/server/qa/moderation.ts';

/**
 * approve, hide (with a reason the asker sees), answer, reopen, pin, unpin (Q5). Each sets a
 * state, so sending one twice is sending it once; reopen and pin refuse other states (409).
 */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const row = await questionAccess(user.id, event.params.questionId, deps);
	const { action, reason } = moderateBody(await readJson(event.request));
	return ok(questionView(await moderateQuestion(row.id, action, reason, user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
