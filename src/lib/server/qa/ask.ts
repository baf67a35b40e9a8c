import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Deps } from '../deps.ts';
import type { Db } from '../db/connect.ts';
import type { Channel, MyQuestion, QuestionStatus } from '../../shared/qa.ts';
import { once } from '../db/once.ts';
import { toStaff } from './rows.ts';
import { getWordList } from './settings.ts';
import { matchWordList } from './word-list.ts';

type AskDeps = Pick<Deps, 'db' | 'clock' | 'publisher' | 'limits'>;
export interface Asker {
	participantId: string;
	eventId: string;
	channel: Channel;
}

/** Counts one question (or edit) against the participant's limit; refuses with retry-after (Q4). */
async function limitQuestions(participantId: string, deps: AskDeps): Promise<void> {
	const wait = await deps.limits.questionsPerParticipant.hit(participantId, deps.clock.now());
	if (wait > 0) throw new AppError('rate_limited', 'too many questions in a short time; try again shortly', wait);
}

/** The session must belong to the asker's event (S3) and have its Q&A switched on (Q3). */
async function openQa(trx: Db, sessionId: string, eventId: string): Promise<{ moderation: string }> {
	const s = await trx.selectFrom('event_sessions').select(['event_id', 'qa_enabled', 'qa_moderation']).where('id', '=', sessionId).executeTakeFirst();
	if (!s || s.event_id !== eventId) throw new AppError('not_found', 'session not found');
	if (s.qa_enabled !== 1) throw new AppError('conflict', 'the Q&A of this session is closed');
	return { moderation: s.qa_moderation };
}

/** Pre-moderation holds every question; post-moderation only those the word list catches (Q3, Q6). */
async function statusFor(text: string, moderation: string, eventId: string, deps: Pick<Deps, 'db'>): Promise<{ status: QuestionStatus; flagged: boolean }> {
	const flagged = matchWordList(text, (await getWordList(eventId, deps)).words) !== null;
	return { status: moderation === 'pre' || flagged ? 'pending' : 'approved', flagged };
}

async function ownQuestion(trx: Db, questionId: string, participantId: string) {
	const row = await trx.selectFrom('questions').selectAll().where('id', '=', questionId).executeTakeFirst();
	// Someone else's question is as unknown as a missing one.
	if (!row || row.participant_id !== participantId) throw new AppError('not_found', 'question not found');
	if (row.status === 'answered') throw new AppError('conflict', 'an answered question can no longer be changed');
	return row;
}

/**
 * A participant asks a question (Q2–Q4, Q6): plain text, with the name they chose or anonymous.
 * Acknowledged after the commit; the lists follow on the next tick.
 */
export async function askQuestion(input: Asker & { sessionId: string; text: string; name: string | null; key: string }, deps: AskDeps): Promise<MyQuestion> {
	return once(input.participantId, input.key, 'qa:ask', deps, async (trx) => {
		const { moderation } = await openQa(trx, input.sessionId, input.eventId);
		await limitQuestions(input.participantId, deps);
		const { status, flagged } = await statusFor(input.text, moderation, input.eventId, { db: trx });
		const now = deps.clock.now();
		const row = {
			id: newId(),
			session_id: input.sessionId,
			event_id: input.eventId,
			participant_id: input.participantId,
			channel: input.channel,
			text: input.text,
			name: input.name,
			status,
			hide_reason: null,
			flagged: flagged ? 1 : 0,
			pinned: 0,
			reply: null,
			upvotes: 0,
			edited: 0,
			created_at: now,
			updated_at: now,
			answered_at: null
		};
		await trx.insertInto('questions').values(row).execute();
		return { data: toStaff(row), after: () => deps.publisher.questionsChanged(input.sessionId, [input.participantId]) };
	});
}

/**
 * The asker corrects their question until it is answered (Q5). A hidden question stays hidden.
 * The text is checked again: in pre-moderation an edit waits for approval again (the moderator
 * approved other words); in post-moderation it is shown unless the word list catches it.
 */
export async function editQuestion(input: { participantId: string; questionId: string; text: string; key: string }, deps: AskDeps): Promise<MyQuestion> {
	return once(input.participantId, input.key, 'qa:edit', deps, async (trx) => {
		const row = await ownQuestion(trx, input.questionId, input.participantId);
		if (row.status === 'hidden') throw new AppError('conflict', 'a hidden question cannot be edited; delete it or ask anew');
		const { moderation } = await openQa(trx, row.session_id, row.event_id);
		await limitQuestions(input.participantId, deps);
		const { status, flagged } = await statusFor(input.text, moderation, row.event_id, { db: trx });
		const set = { text: input.text, status, flagged: flagged ? 1 : 0, edited: 1, updated_at: deps.clock.now() };
		await trx.updateTable('questions').set(set).where('id', '=', row.id).execute();
		return { data: toStaff({ ...row, ...set }), after: () => deps.publisher.questionsChanged(row.session_id, [input.participantId]) };
	});
}

/** The asker deletes their question (and its upvotes) until it is answered (Q5). */
export async function deleteQuestion(input: { participantId: string; questionId: string; key: string }, deps: AskDeps): Promise<{ questionId: string }> {
	return once(input.participantId, input.key, 'qa:delete', deps, async (trx) => {
		const row = await ownQuestion(trx, input.questionId, input.participantId);
		await trx.deleteFrom('questions').where('id', '=', row.id).execute();
		return { data: { questionId: row.id }, after: () => deps.publisher.questionsChanged(row.session_id, [input.participantId]) };
	});
}
