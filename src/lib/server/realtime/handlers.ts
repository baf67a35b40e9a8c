import { AppError, nullIfNotFound } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { getSession } from '../events/service.ts';
import { getStage, setStage } from '../stage/service.ts';
import { updateParticipant } from '../participants/service.ts';
import { getPoll } from '../polls/service.ts';
import { on, type HandlerStats } from './handle.ts';
import { rooms } from './rooms.ts';
import type { Presence } from './presence.ts';
import type { PlenumSocket } from './context.ts';
import type { Logger } from '../log.ts';
import type { PollFeed } from './poll-feed.ts';
import { registerPollHandlers } from './poll-handlers.ts';
import { registerQaHandlers } from './qa-handlers.ts';
import type { QaFeed } from './qa-feed.ts';
import { highlightQuestion } from '../qa/moderation.ts';
import { registerBoardHandlers } from './board-handlers.ts';
import type { BoardFeed } from './board-feed.ts';
import { boardRow } from '../boards/read.ts';

export interface RealtimeContext {
	deps: Deps;
	presence: Presence;
	polls: PollFeed;
	qa: QaFeed;
	boards: BoardFeed;
	stats: HandlerStats;
	log: Logger;
	/** Set by a SIGTERM: events are refused `unavailable` while acknowledged work finishes (D2). */
	draining: boolean;
}

/**
 * May this socket see a session? Audience: only sessions of their own event (S3). Stage: only
 * its own session. Staff: the session:moderate right for it (AC3).
 */
async function authorizeWatch(socket: PlenumSocket, sessionId: string, deps: Deps): Promise<void> {
	const who = socket.data.who;
	const session = await nullIfNotFound(getSession(sessionId, deps));
	if (!session) throw new AppError('not_found', 'session not found');
	if (who.kind === 'audience' && session.eventId === who.eventId) return;
	if (who.kind === 'stage' && session.id === who.sessionId) return;
	if (who.kind === 'staff') {
		await requireAccess(who.userId, session.eventId, 'session:moderate', deps, sessionId);
		return;
	}
	throw new AppError('not_found', 'session not found');
}

/** Registers every inbound event for one authenticated socket. */
export function registerHandlers(socket: PlenumSocket, ctx: RealtimeContext): void {
	const { deps, presence } = ctx;
	const who = socket.data.who;

	on(socket, 'sys:ping', () => ({ t: deps.clock.now() }), ctx);

	on(
		socket,
		'session:watch',
		async ({ sessionId }) => {
			await authorizeWatch(socket, sessionId, deps);
			await socket.join(rooms.session(sessionId));
			if (who.kind !== 'audience') await socket.join(rooms.screens(sessionId));
			if (who.kind === 'staff') await socket.join(rooms.staff(sessionId));
			if (who.kind === 'audience') {
				await socket.join(rooms.audience(sessionId));
				if (!socket.data.watching.has(sessionId)) presence.add(sessionId, who.participantId, who.channel);
			}
			socket.data.watching.add(sessionId);
			return { stage: await getStage(sessionId, deps), presence: presence.counts(sessionId) };
		},
		ctx
	);

	on(
		socket,
		'session:unwatch',
		async ({ sessionId }) => {
			if (!socket.data.watching.delete(sessionId)) return null;
			await socket.leave(rooms.session(sessionId));
			await socket.leave(rooms.screens(sessionId));
			await socket.leave(rooms.audience(sessionId));
			await socket.leave(rooms.staff(sessionId));
			if (who.kind === 'audience') presence.remove(sessionId, who.participantId);
			return null;
		},
		ctx
	);

	on(
		socket,
		'stage:get',
		async ({ sessionId }) => {
			await authorizeWatch(socket, sessionId, deps);
			return getStage(sessionId, deps);
		},
		ctx
	);

	on(
		socket,
		'stage:set',
		async ({ sessionId, state, expectedVersion }) => {
			if (who.kind !== 'staff') throw new AppError('forbidden', 'only staff control the stage');
			const session = await getSession(sessionId, deps);
			await requireAccess(who.userId, session.eventId, 'session:moderate', deps, sessionId);
			// A question on the stage goes through the Q&A rules (Q9): approved first, never a hidden one.
			if (state.mode === 'question') return highlightQuestion(sessionId, state.questionId, state.top, who.userId, deps, expectedVersion);
			// A board or a report-back of the same event (B9, B10): e.g. in the closing plenary.
			if (state.mode === 'board' && (await nullIfNotFound(boardRow(deps.db, state.boardId)))?.event_id !== session.eventId)
				throw new AppError('not_found', 'board not found');
			if (state.mode === 'report' && (await nullIfNotFound(getSession(state.sessionId, deps)))?.eventId !== session.eventId)
				throw new AppError('not_found', 'session not found');
			// The stage shows only this session's polls (S3).
			if (state.mode === 'poll' && (await nullIfNotFound(getPoll(state.pollId, deps)))?.sessionId !== sessionId)
				throw new AppError('not_found', 'poll not found');
			return setStage(sessionId, state, expectedVersion, deps);
		},
		ctx
	);

	on(
		socket,
		'participant:update',
		async (patch) => {
			if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants have a participant profile');
			const p = await updateParticipant(who.participantId, patch, deps);
			if (patch.channel && patch.channel !== who.channel) {
				who.channel = patch.channel;
				presence.setChannel(who.participantId, patch.channel);
			}
			return { id: p.id, displayName: p.displayName, channel: p.channel };
		},
		ctx
	);

	registerPollHandlers(socket, ctx);
	registerQaHandlers(socket, ctx);
	registerBoardHandlers(socket, ctx);

	socket.on('disconnect', () => {
		if (who.kind === 'audience') for (const sid of socket.data.watching) presence.remove(sid, who.participantId);
		socket.data.watching.clear();
	});
}
