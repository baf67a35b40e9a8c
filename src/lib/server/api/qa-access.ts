import { AppError, isAppError } from '../errors.ts';
import { requireQuestionModerator } from '../qa/moderation.ts';
import type { QuestionRow } from '../qa/rows.ts';
import type { Deps } from '../deps.ts';

/**
 * Loads a question whose session the user moderates (AC3, Q5). An unknown question and a
 * question of an event the user is no member of give the same answer (S3), as for polls.
 */
export async function questionAccess(userId: string, questionId: string, deps: Pick<Deps, 'db'>): Promise<QuestionRow> {
	try {
		return await requireQuestionModerator(questionId, userId, deps);
	} catch (e) {
		if (isAppError(e) && e.code === 'not_found') throw new AppError('not_found', 'question not found');
		throw e;
	}
}
