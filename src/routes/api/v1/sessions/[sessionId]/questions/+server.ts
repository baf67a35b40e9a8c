import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { listQuery } from '#lib/server/api/qa-inputs.ts';
import { orderQuestions, questionView } from '#lib/server/api/qa-view.ts';
import { exportQuestions } from '#lib/server/qa/read.ts';
import { getQaSettings } from '#lib/server/qa/settings.ts';

/**
 * Every question of the session, also waiting and hidden ones (moderation data: session:moderate,
 * AC3), with the session's Q&A settings. `?status=` filters, `?order=votes|time|fair` sorts (Q7).
 */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	const { status, order } = listQuery(event.url.searchParams);
	const all = await exportQuestions([session.id], deps);
	const questions = orderQuestions(status ? all.filter((q) => q.status === status) : all, order);
	return ok({ settings: await getQaSettings(session.id, deps), questions: questions.map(questionView) });
});

export const fallback = methodNotAllowed('GET');
