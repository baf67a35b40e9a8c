import type { Selectable } from 'kysely';
import type { QuestionsTable } from '../db/schema.ts';
import type { Channel, HideReason, PublicQuestion, QuestionStatus, StaffQuestion } from '../../shared/qa.ts';

export type QuestionRow = Selectable<QuestionsTable>;

/** One stored question as staff see it; `participantId` stays on the server. */
export function toStaff(r: QuestionRow): StaffQuestion {
	return {
		id: r.id,
		sessionId: r.session_id,
		text: r.text,
		name: r.name,
		channel: r.channel as Channel,
		votes: Number(r.upvotes),
		status: r.status as QuestionStatus,
		pinned: r.pinned === 1,
		reply: r.reply,
		edited: r.edited === 1,
		createdAt: Number(r.created_at),
		answeredAt: r.answered_at === null ? null : Number(r.answered_at),
		hideReason: r.hide_reason as HideReason | null,
		flagged: r.flagged === 1
	};
}

/** The public form of a visible question; null for a pending or hidden one. */
export function toPublic(q: StaffQuestion): PublicQuestion | null {
	if (q.status !== 'approved' && q.status !== 'answered') return null;
	const { hideReason: _h, flagged: _f, status, ...rest } = q;
	return { ...rest, status };
}
