import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { questionAccess } from '#lib/server/api/qa-access.ts';
import { questionView } from '#lib/server/api/qa-view.ts';
import { toStaff } from '#lib/server/qa/rows.ts';

/** One question as its moderators see it (Q5). */
export const GET: RequestHandler = api(async ({ event, user, deps }) =>
	ok(questionView(toStaff(await questionAccess(user.id, event.params.questionId, deps))))
);

export const fallback = methodNotAllowed('GET');
