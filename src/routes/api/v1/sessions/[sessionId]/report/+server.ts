import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { sessionAccess } from '#lib/server/api/access.ts';
import { reportBody } from '#lib/server/api/board-inputs.ts';
import { reportView } from '#lib/server/api/board-view.ts';
import { getReport, saveReport } from '#lib/server/boards/report.ts';

/**
 * The session's report-back (B10): a summary and the questions and poll results its lead picked,
 * as the stage shows them in the closing plenary. Only questions still shown (approved or
 * answered) and polls that ran appear. Needs session:moderate (the workshop's lead, moderators, owners).
 */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	return ok(reportView(await getReport(session.id, deps)));
});

/**
 * Replaces the report-back: `{ summary?, questionIds?, pollIds? }`, fields left out are empty.
 * Questions and polls must be of this session (`not_found` otherwise). Stage screens showing it
 * are told at once.
 */
export const PUT: RequestHandler = api(async ({ event, user, deps }) => {
	const session = await sessionAccess(user.id, event.params.sessionId, 'session:moderate', deps);
	const input = reportBody(await readJson(event.request));
	return ok(reportView(await saveReport(session.id, input, user.id, deps)));
});

export const fallback = methodNotAllowed('GET', 'PUT');
