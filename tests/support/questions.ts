import type { PublicQuestion, StaffQuestion } from '../../src/lib/shared/qa.ts';

let n = 0;

/**
 * A staff view of a question for pure unit tests: numbered ids ('q001', …), text and times that
 * grow with the number, approved and without votes unless `over` says otherwise.
 */
export function staffQuestion(over: Partial<StaffQuestion> = {}, t0 = 1000): StaffQuestion {
	n++;
	return {
		id: `q${String(n).padStart(3, '0')}`,
		sessionId: 's1',
		text: `question ${n}`,
		name: null,
		channel: 'room',
		votes: 0,
		status: 'approved',
		pinned: false,
		reply: null,
		edited: false,
		createdAt: t0 + n,
		answeredAt: null,
		hideReason: null,
		flagged: false,
		...over
	};
}

/** The public view of such a question (what phones and stage screens get). */
export function publicQuestion(over: Partial<PublicQuestion> = {}): PublicQuestion {
	const { hideReason, flagged, ...rest } = staffQuestion();
	void hideReason;
	void flagged;
	return { ...rest, status: 'approved', ...over };
}
