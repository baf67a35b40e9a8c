import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { getSession } from '../events/service.ts';
import { getPoll, pollResults } from '../polls/service.ts';
import type { ReportBack, ReportInput } from '../../shared/boards.ts';

/**
 * The report-back (B10): a workshop's lead picks questions and poll results of the workshop and
 * writes a short summary; the moderator shows it on the stage of the closing plenary. Only
 * questions that were shown in the workshop (approved or answered) and its own polls count.
 */
export async function getReport(sessionId: string, deps: Pick<Deps, 'db'>): Promise<ReportBack> {
	const session = await getSession(sessionId, deps);
	const row = await deps.db.selectFrom('report_backs').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
	const questionIds = row ? (JSON.parse(row.question_ids) as string[]) : [];
	const pollIds = row ? (JSON.parse(row.poll_ids) as string[]) : [];
	const qs =
		questionIds.length === 0
			? []
			: await deps.db
					.selectFrom('questions')
					.select(['id', 'text', 'name', 'upvotes', 'reply', 'status'])
					.where('id', 'in', questionIds)
					.where('session_id', '=', sessionId)
					.execute();
	const questions = questionIds
		.map((id) => qs.find((q) => q.id === id && (q.status === 'approved' || q.status === 'answered')))
		.filter((q) => q !== undefined)
		.map((q) => ({ id: q.id, text: q.text, name: q.name, votes: Number(q.upvotes), reply: q.reply }));
	const polls: ReportBack['polls'] = [];
	for (const pid of pollIds) {
		const p = await getPoll(pid, deps).catch(() => null);
		if (!p || p.sessionId !== sessionId || p.state === 'draft') continue;
		polls.push({ id: p.id, question: p.question, kind: p.kind, options: p.options, config: p.config, results: (await pollResults(p, deps)).all });
	}
	return { sessionId, title: session.title, summary: row?.summary ?? '', questions, polls, updatedAt: row ? Number(row.updated_at) : null };
}

/** The lead (or an organiser or moderator) of the workshop saves its report-back. */
export async function saveReport(sessionId: string, input: ReportInput, userId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher'>): Promise<ReportBack> {
	const session = await getSession(sessionId, deps);
	await requireAccess(userId, session.eventId, 'session:moderate', deps, sessionId);
	const qs =
		input.questionIds.length === 0
			? []
			: await deps.db.selectFrom('questions').select('id').where('id', 'in', input.questionIds).where('session_id', '=', sessionId).execute();
	const ps =
		input.pollIds.length === 0
			? []
			: await deps.db.selectFrom('polls').select('id').where('id', 'in', input.pollIds).where('session_id', '=', sessionId).execute();
	if (qs.length !== new Set(input.questionIds).size || ps.length !== new Set(input.pollIds).size)
		throw new AppError('not_found', 'question or poll not found in this workshop');
	const values = {
		summary: input.summary,
		question_ids: JSON.stringify(input.questionIds),
		poll_ids: JSON.stringify(input.pollIds),
		updated_at: deps.clock.now()
	};
	await deps.db
		.insertInto('report_backs')
		.values({ session_id: sessionId, ...values })
		.onConflict((oc) => oc.column('session_id').doUpdateSet(values))
		.execute();
	deps.publisher.reportChanged(sessionId);
	return getReport(sessionId, deps);
}
