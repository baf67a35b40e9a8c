import { fairQueue, sortQuestions, type PublicQuestion, type StaffQuestion } from '#lib/shared/qa.ts';

/** The moderator's four lists, one per question state (Q5). */
export const QA_FILTERS = ['waiting', 'live', 'answered', 'hidden'] as const;
export type QaFilter = (typeof QA_FILTERS)[number];
/** How the Live list is ordered: by votes, newest first, or the fair queue of room and online (Q7). */
export const QA_ORDERS = ['votes', 'time', 'fair'] as const;
export type QaOrder = (typeof QA_ORDERS)[number];

const STATUS: Record<QaFilter, StaffQuestion['status']> = { waiting: 'pending', live: 'approved', answered: 'answered', hidden: 'hidden' };

/** A staff view always gets staff questions; this keeps the type honest if a public one slips in. */
export function asStaff(q: PublicQuestion | StaffQuestion): StaffQuestion {
	return 'flagged' in q ? q : { ...q, hideReason: null, flagged: false };
}

export function countByFilter(questions: readonly StaffQuestion[]): Record<QaFilter, number> {
	const counts: Record<QaFilter, number> = { waiting: 0, live: 0, answered: 0, hidden: 0 };
	for (const f of QA_FILTERS) counts[f] = questions.filter((q) => q.status === STATUS[f]).length;
	return counts;
}

/**
 * The questions of one list in the order the moderator works through them: waiting ones oldest
 * first (first come, first decided), the Live list as chosen, answered and hidden ones newest first.
 */
export function listOf(questions: readonly StaffQuestion[], filter: QaFilter, order: QaOrder): StaffQuestion[] {
	const mine = questions.filter((q) => q.status === STATUS[filter]);
	switch (filter) {
		case 'waiting':
			return [...mine].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
		case 'live':
			return order === 'fair' ? fairQueue(mine) : sortQuestions(mine, order);
		case 'answered':
			return [...mine].sort((a, b) => (b.answeredAt ?? b.createdAt) - (a.answeredAt ?? a.createdAt) || (a.id < b.id ? -1 : 1));
		case 'hidden':
			return [...mine].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
	}
}
