import { AppError, nullIfNotFound } from '../errors.ts';
import { on } from './handle.ts';
import type { RealtimeContext } from './handlers.ts';
import type { PlenumSocket } from './context.ts';
import { getSession } from '../events/service.ts';
import { requireAccess } from '../access/service.ts';
import { askQuestion, deleteQuestion, editQuestion } from '../qa/ask.ts';
import { upvoteQuestion } from '../qa/upvote.ts';
import { moderateQuestion, replyToQuestion } from '../qa/moderation.ts';
import { setQaSettings } from '../qa/settings.ts';

/**
 * Q&A events (docs/protocol.md). Audience: read, ask, edit and delete their own, upvote. Stage:
 * read the visible questions. Staff of the session: everything, plus moderation and settings.
 */
export function registerQaHandlers(socket: PlenumSocket, ctx: RealtimeContext): void {
	const { deps, qa } = ctx;
	const who = socket.data.who;

	function audience() {
		if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants ask and upvote');
		return who;
	}
	function staff() {
		if (who.kind !== 'staff') throw new AppError('forbidden', 'only staff moderate questions');
		return who;
	}

	on(
		socket,
		'qa:get',
		async ({ sessionId }) => {
			const session = await nullIfNotFound(getSession(sessionId, deps));
			if (!session) throw new AppError('not_found', 'session not found');
			if (who.kind === 'staff') {
				await requireAccess(who.userId, session.eventId, 'session:moderate', deps, sessionId);
				return { public: null, staff: await qa.staffSnapshot(sessionId), mine: null };
			}
			// Audience only of their own event, a stage screen only of its own session (S3).
			if ((who.kind === 'audience' && session.eventId !== who.eventId) || (who.kind === 'stage' && session.id !== who.sessionId))
				throw new AppError('not_found', 'session not found');
			return {
				public: await qa.publicSnapshot(sessionId),
				staff: null,
				mine: who.kind === 'audience' ? await qa.mine(sessionId, who.participantId) : null
			};
		},
		ctx
	);

	on(
		socket,
		'qa:ask',
		({ sessionId, text, name, key }) => {
			const a = audience();
			return askQuestion({ participantId: a.participantId, eventId: a.eventId, channel: a.channel, sessionId, text, name, key }, deps);
		},
		ctx
	);
	on(socket, 'qa:edit', ({ questionId, text, key }) => editQuestion({ participantId: audience().participantId, questionId, text, key }, deps), ctx);
	on(socket, 'qa:delete', ({ questionId, key }) => deleteQuestion({ participantId: audience().participantId, questionId, key }, deps), ctx);
	on(
		socket,
		'qa:upvote',
		({ questionId, up, key }) => {
			const a = audience();
			return upvoteQuestion({ participantId: a.participantId, eventId: a.eventId, questionId, up, key }, deps);
		},
		ctx
	);

	on(socket, 'qa:moderate', ({ questionId, action, reason }) => moderateQuestion(questionId, action, reason, staff().userId, deps), ctx);
	on(socket, 'qa:reply', ({ questionId, reply }) => replyToQuestion(questionId, reply, staff().userId, deps), ctx);
	on(socket, 'qa:settings', ({ sessionId, ...input }) => setQaSettings(sessionId, input, staff().userId, deps), ctx);
}
