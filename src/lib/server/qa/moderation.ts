import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { setStage } from '../stage/service.ts';
import type { StageSnapshot } from '../../shared/protocol.ts';
import type { HideReason, ModerateAction, StaffQuestion } from '../../shared/qa.ts';
import { toStaff, type QuestionRow } from './rows.ts';

type ModDeps = Pick<Deps, 'db' | 'clock' | 'publisher'>;

/** Loads a question and checks the user moderates its session (AC3); others learn nothing (S3). */
export async function requireQuestionModerator(questionId: string, userId: string, deps: Pick<Deps, 'db'>): Promise<QuestionRow> {
	const row = await deps.db.selectFrom('questions').selectAll().where('id', '=', questionId).executeTakeFirst();
	if (!row) throw new AppError('not_found', 'question not found');
	await requireAccess(userId, row.event_id, 'session:moderate', deps, row.session_id);
	return row;
}

/**
 * Moderator actions (Q5): approve (also a hidden question back), hide with a reason the asker
 * sees, mark answered and reopen, pin and unpin. Each sets a state, so doing it twice is doing
 * it once; no idempotency key is needed.
 */
export async function moderateQuestion(
	questionId: string,
	action: ModerateAction,
	reason: HideReason | undefined,
	userId: string,
	deps: ModDeps
): Promise<StaffQuestion> {
	const row = await requireQuestionModerator(questionId, userId, deps);
	const now = deps.clock.now();
	type Patch = Partial<Pick<QuestionRow, 'status' | 'hide_reason' | 'answered_at' | 'pinned'>>;
	const patches: Record<ModerateAction, Patch> = {
		approve: { status: 'approved', hide_reason: null, answered_at: null },
		hide: { status: 'hidden', hide_reason: reason ?? 'other', pinned: 0 },
		answer: { status: 'answered', hide_reason: null, answered_at: row.answered_at ?? now, pinned: 0 },
		reopen: { status: 'approved', answered_at: null },
		pin: { pinned: 1 },
		unpin: { pinned: 0 }
	};
	if (action === 'reopen' && row.status !== 'answered') throw new AppError('conflict', 'only an answered question is reopened');
	if (action === 'pin' && row.status !== 'approved') throw new AppError('conflict', 'only a visible, open question is pinned');
	const set = { ...patches[action], updated_at: now };
	await deps.db.updateTable('questions').set(set).where('id', '=', questionId).execute();
	deps.publisher.questionsChanged(row.session_id, [row.participant_id]);
	return toStaff({ ...row, ...set });
}

/** The moderator's reply, shown under the question; null removes it. */
export async function replyToQuestion(questionId: string, reply: string | null, userId: string, deps: ModDeps): Promise<StaffQuestion> {
	const row = await requireQuestionModerator(questionId, userId, deps);
	const set = { reply, updated_at: deps.clock.now() };
	await deps.db.updateTable('questions').set(set).where('id', '=', questionId).execute();
	deps.publisher.questionsChanged(row.session_id, [row.participant_id]);
	return toStaff({ ...row, ...set });
}

/**
 * Puts one question on the stage (Q9), with the top five beside it or not. A question still
 * waiting is approved by this (the moderator chose to show it); a hidden one is refused. With
 * `questionId: null` the stage shows only the top five.
 */
export async function highlightQuestion(
	sessionId: string,
	questionId: string | null,
	top: boolean,
	userId: string,
	deps: ModDeps,
	expectedVersion?: number
): Promise<StageSnapshot> {
	if (questionId !== null) {
		const row = await requireQuestionModerator(questionId, userId, deps);
		if (row.session_id !== sessionId) throw new AppError('not_found', 'question not found');
		if (row.status === 'hidden') throw new AppError('conflict', 'a hidden question is not shown on the stage; approve it first');
		if (row.status === 'pending') await moderateQuestion(questionId, 'approve', undefined, userId, deps);
	}
	deps.publisher.questionsChanged(sessionId, []);
	return setStage(sessionId, { mode: 'question', questionId, top }, expectedVersion, deps);
}
