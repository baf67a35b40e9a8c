import { fairQueue, sortQuestions, byVotes, type StaffQuestion } from '../../shared/qa.ts';

/** A question as the API shows it: the moderator's view (StaffQuestion) with ISO times. */
export function questionView(q: StaffQuestion) {
	return {
		id: q.id,
		sessionId: q.sessionId,
		text: q.text,
		name: q.name,
		channel: q.channel,
		votes: q.votes,
		status: q.status,
		pinned: q.pinned,
		reply: q.reply,
		edited: q.edited,
		hideReason: q.hideReason,
		flagged: q.flagged,
		createdAt: new Date(q.createdAt).toISOString(),
		answeredAt: q.answeredAt === null ? null : new Date(q.answeredAt).toISOString()
	};
}
export type QuestionView = ReturnType<typeof questionView>;

export type QuestionOrder = 'votes' | 'time' | 'fair';

/**
 * The list orders of the API. votes and time as the moderator's list (pinned first); fair is the
 * fair queue (Q7) of the open questions, followed by every other question by votes, so that the
 * list still holds every question of its filter.
 */
export function orderQuestions(questions: readonly StaffQuestion[], order: QuestionOrder): StaffQuestion[] {
	if (order !== 'fair') return sortQuestions(questions, order);
	const queue = fairQueue(questions);
	const inQueue = new Set(queue.map((q) => q.id));
	return [...queue, ...questions.filter((q) => !inQueue.has(q.id)).sort(byVotes)];
}
