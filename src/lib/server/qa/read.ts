import type { Deps } from '../deps.ts';
import { QA_LIMITS, byTime, byVotes, type MyQaView, type PublicQuestion, type StaffQuestion } from '../../shared/qa.ts';
import { toPublic, toStaff } from './rows.ts';

/**
 * What the audience and the stage get (Q8): the visible questions — all of them while there are
 * few, else the top ones by votes plus the newest, plus every pinned one and the one on the stage.
 */
export async function publicQuestions(
	sessionId: string,
	deps: Pick<Deps, 'db'>,
	alsoId?: string | null
): Promise<{ questions: PublicQuestion[]; total: number }> {
	const rows = await deps.db.selectFrom('questions').selectAll().where('session_id', '=', sessionId).where('status', 'in', ['approved', 'answered']).execute();
	const all = rows.map((r) => toPublic(toStaff(r))!);
	if (all.length <= QA_LIMITS.publicTop + QA_LIMITS.publicNewest) return { questions: all.sort(byVotes), total: all.length };
	const keep = new Map<string, PublicQuestion>();
	for (const q of [...all].sort(byVotes).slice(0, QA_LIMITS.publicTop)) keep.set(q.id, q);
	for (const q of [...all].sort(byTime).slice(0, QA_LIMITS.publicNewest)) keep.set(q.id, q);
	for (const q of all) if (q.pinned || q.id === alsoId) keep.set(q.id, q);
	return { questions: [...keep.values()].sort(byVotes), total: all.length };
}

/** Every question of a session for its moderators (pending first), cut at QA_LIMITS.staffMax. */
export async function staffQuestions(sessionId: string, deps: Pick<Deps, 'db'>): Promise<{ questions: StaffQuestion[]; total: number }> {
	const rows = await deps.db.selectFrom('questions').selectAll().where('session_id', '=', sessionId).execute();
	const all = rows.map(toStaff);
	const rank = { pending: 0, approved: 1, answered: 2, hidden: 3 } as const;
	all.sort((a, b) => rank[a.status] - rank[b.status] || byVotes(a, b));
	return { questions: all.slice(0, QA_LIMITS.staffMax), total: all.length };
}

/** The participant's own questions in a session, with state and hide reason, and their upvotes (Q5). */
export async function myQuestions(sessionId: string, participantId: string, deps: Pick<Deps, 'db'>): Promise<MyQaView> {
	const rows = await deps.db
		.selectFrom('questions')
		.selectAll()
		.where('session_id', '=', sessionId)
		.where('participant_id', '=', participantId)
		.orderBy('created_at', 'desc')
		.execute();
	const up = await deps.db
		.selectFrom('question_upvotes')
		.select('question_id')
		.where('participant_id', '=', participantId)
		.where('session_id', '=', sessionId)
		.execute();
	return { sessionId, questions: rows.map(toStaff), upvoted: up.map((u) => u.question_id) };
}

/** Every question of the given sessions, oldest first, for exports (Q10). */
export async function exportQuestions(sessionIds: readonly string[], deps: Pick<Deps, 'db'>): Promise<StaffQuestion[]> {
	if (sessionIds.length === 0) return [];
	const rows = await deps.db.selectFrom('questions').selectAll().where('session_id', 'in', sessionIds).orderBy('created_at').orderBy('id').execute();
	return rows.map(toStaff);
}
