import { AppError, nullIfNotFound } from '../errors.ts';
import type { HandlerTable } from './handle.ts';
import type { RealtimeContext } from './handlers.ts';
import type { SocketIdentity } from './context.ts';
import { getSession } from '../events/service.ts';
import { requireAccess } from '../access/service.ts';
import { askQuestion, deleteQuestion, editQuestion } from '../qa/ask.ts';
import { upvoteQuestion } from '../qa/upvote.ts';
import { moderateQuestion, replyToQuestion } from '../qa/moderation.ts';
import { setQaSettings } from '../qa/settings.ts';

function audience(who: SocketIdentity) {
	if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants ask and upvote');
	return who;
}
function staff(who: SocketIdentity) {
	if (who.kind !== 'staff') throw new AppError('forbidden', 'only staff moderate questions');
	return who;
}

type QaEvents = 'qa:get' | 'qa:ask' | 'qa:edit' | 'qa:delete' | 'qa:upvote' | 'qa:moderate' | 'qa:reply' | 'qa:settings';

/**
 * Q&A events (docs/protocol.md). Audience: read, ask, edit and delete their own, upvote. Stage:
 * read the visible questions. Staff of the session: everything, plus moderation and settings.
 */
export function qaHandlers(ctx: RealtimeContext): Pick<HandlerTable, QaEvents> {
	const { deps, qa } = ctx;
	return {
		'qa:get': async ({ data: { who } }, { sessionId }) => {
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
		'qa:ask': ({ data: { who } }, { sessionId, text, name, key }) => {
			const a = audience(who);
			return askQuestion({ participantId: a.participantId, eventId: a.eventId, channel: a.channel, sessionId, text, name, key }, deps);
		},
		'qa:edit': ({ data: { who } }, { questionId, text, key }) => editQuestion({ participantId: audience(who).participantId, questionId, text, key }, deps),
		'qa:delete': ({ data: { who } }, { questionId, key }) => deleteQuestion({ participantId: audience(who).participantId, questionId, key }, deps),
		'qa:upvote': ({ data: { who } }, { questionId, up, key }) => {
			const a = audience(who);
			return upvoteQuestion({ participantId: a.participantId, eventId: a.eventId, questionId, up, key }, deps);
		},
		'qa:moderate': ({ data: { who } }, { questionId, action, reason }) => moderateQuestion(questionId, action, reason, staff(who).userId, deps),
		'qa:reply': ({ data: { who } }, { questionId, reply }) => replyToQuestion(questionId, reply, staff(who).userId, deps),
		'qa:settings': ({ data: { who } }, { sessionId, ...input }) => setQaSettings(sessionId, input, staff(who).userId, deps)
	};
}
