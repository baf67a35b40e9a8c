import { byVotes, QA_LIMITS, type PublicQuestion } from '#lib/shared/qa.ts';

/**
 * What the stage screen and the overlay draw in question mode (Q9). Decided here, in one pure
 * function, so both follow the same rule: never a stale question, and a neutral screen rather
 * than a wrong one.
 *
 * - loading: no Q&A snapshot yet, or the highlighted question is being fetched anew
 * - question: the highlighted question, and with `top` the best other open ones beside it
 * - top: no (visible) highlighted question, the most upvoted open ones
 * - empty: nothing to show yet (no visible questions; with `top`, no open ones)
 * - none: no (visible) highlighted question and no list asked for
 */
export type QuestionStage =
	| { kind: 'loading' }
	| { kind: 'question'; question: PublicQuestion; top: PublicQuestion[] }
	| { kind: 'top'; top: PublicQuestion[] }
	| { kind: 'empty'; allAnswered: boolean }
	| { kind: 'none' };

/** The most upvoted open (not answered) questions, older first on a tie; `exceptId` is left out. */
export function topQuestions(questions: readonly PublicQuestion[], exceptId: string | null = null): PublicQuestion[] {
	return questions
		.filter((q) => q.status === 'approved' && q.id !== exceptId)
		.sort(byVotes)
		.slice(0, QA_LIMITS.stageTop);
}

export interface QuestionStageInput {
	questionId: string | null;
	top: boolean;
	questions: readonly PublicQuestion[];
	/** A Q&A snapshot has been seen (rendered on the server or received). */
	ready: boolean;
	/** The highlighted question is missing and being fetched anew: wait rather than say "none". */
	waiting: boolean;
}

export function questionStage({ questionId, top, questions, ready, waiting }: QuestionStageInput): QuestionStage {
	if (!ready) return { kind: 'loading' };
	const question = questionId === null ? undefined : questions.find((q) => q.id === questionId);
	// The list beside the highlighted question leaves it out: it is on screen already.
	if (question) return { kind: 'question', question, top: top ? topQuestions(questions, question.id) : [] };
	if (questionId !== null && waiting) return { kind: 'loading' };
	if (questions.length === 0) return { kind: 'empty', allAnswered: false };
	if (!top) return { kind: 'none' };
	const list = topQuestions(questions);
	return list.length > 0 ? { kind: 'top', top: list } : { kind: 'empty', allAnswered: true };
}

/** A size class for the highlighted text, so the first paint is near the fitted size. */
export function textSize(text: string): 'xl' | 'l' | 'm' | 's' {
	const n = text.length;
	return n <= 60 ? 'xl' : n <= 140 ? 'l' : n <= 280 ? 'm' : 's';
}
