import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { once } from '../db/once.ts';

export interface UpvoteResult {
	questionId: string;
	up: boolean;
	votes: number;
}

/**
 * Upvote a visible question, or take the upvote back (Q1). One row per participant and question
 * (primary key); the question's count moves by one in the same transaction, only when a row was
 * really added or removed, so the count always equals the rows. Repeats of an upvote change
 * nothing; a race of two is settled by the primary key (the loser runs again and finds the row).
 */
export async function upvoteQuestion(
	input: { participantId: string; eventId: string; questionId: string; up: boolean; key: string },
	deps: Pick<Deps, 'db' | 'clock' | 'publisher' | 'limits'>
): Promise<UpvoteResult> {
	return once(input.participantId, input.key, 'qa:upvote', deps, async (trx) => {
		const q = await trx
			.selectFrom('questions')
			.innerJoin('event_sessions', 'event_sessions.id', 'questions.session_id')
			.select(['questions.session_id', 'questions.event_id', 'questions.status', 'event_sessions.qa_enabled'])
			.where('questions.id', '=', input.questionId)
			.executeTakeFirst();
		if (!q || q.event_id !== input.eventId || (q.status !== 'approved' && q.status !== 'answered')) throw new AppError('not_found', 'question not found');
		if (q.qa_enabled !== 1) throw new AppError('conflict', 'the Q&A of this session is closed');
		const wait = await deps.limits.upvotesPerParticipant.hit(input.participantId, deps.clock.now());
		if (wait > 0) throw new AppError('rate_limited', 'too many upvotes in a short time; try again shortly', wait);
		const existing = await trx
			.selectFrom('question_upvotes')
			.select('question_id')
			.where('question_id', '=', input.questionId)
			.where('participant_id', '=', input.participantId)
			.executeTakeFirst();
		let delta = 0;
		if (input.up && !existing) {
			await trx
				.insertInto('question_upvotes')
				.values({ question_id: input.questionId, participant_id: input.participantId, session_id: q.session_id, created_at: deps.clock.now() })
				.execute();
			delta = 1;
		} else if (!input.up && existing) {
			const del = await trx
				.deleteFrom('question_upvotes')
				.where('question_id', '=', input.questionId)
				.where('participant_id', '=', input.participantId)
				.executeTakeFirst();
			delta = -Number(del.numDeletedRows);
		}
		if (delta !== 0)
			await trx
				.updateTable('questions')
				.set({ upvotes: sql<number>`upvotes + ${delta}` })
				.where('id', '=', input.questionId)
				.execute();
		const after = await trx.selectFrom('questions').select('upvotes').where('id', '=', input.questionId).executeTakeFirstOrThrow();
		return {
			data: { questionId: input.questionId, up: input.up, votes: Number(after.upvotes) },
			after: delta !== 0 ? () => deps.publisher.questionsChanged(q.session_id, []) : undefined
		};
	});
}
