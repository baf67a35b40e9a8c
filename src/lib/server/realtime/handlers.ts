import { AppError, nullIfNotFound } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { getSession } from '../events/service.ts';
import { getStage, setStage } from '../stage/service.ts';
import { updateParticipant } from '../participants/service.ts';
import { getPoll } from '../polls/service.ts';
import { dispatcher, type HandlerStats, type HandlerTable } from './handle.ts';
import { rooms } from './rooms.ts';
import type { Presence } from './presence.ts';
import type { PlenumSocket, SocketIdentity } from './context.ts';
import type { Logger } from '../log.ts';
import type { PollFeed } from './poll-feed.ts';
import { pollHandlers } from './poll-handlers.ts';
import { qaHandlers } from './qa-handlers.ts';
import type { QaFeed } from './qa-feed.ts';
import { highlightQuestion } from '../qa/moderation.ts';
import { boardHandlers } from './board-handlers.ts';
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
async function authorizeWatch(who: SocketIdentity, sessionId: string, deps: Deps): Promise<void> {
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

type CoreEvents = 'sys:ping' | 'session:watch' | 'session:unwatch' | 'stage:get' | 'stage:set' | 'participant:update';

/** Watching sessions, the stage, the participant's profile and the ping. */
function coreHandlers(ctx: RealtimeContext): Pick<HandlerTable, CoreEvents> {
	const { deps, presence } = ctx;
	return {
		'sys:ping': () => ({ t: deps.clock.now() }),
		'session:watch': async (socket, { sessionId }) => {
			const who = socket.data.who;
			await authorizeWatch(who, sessionId, deps);
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
		'session:unwatch': async (socket, { sessionId }) => {
			const who = socket.data.who;
			if (!socket.data.watching.delete(sessionId)) return null;
			await socket.leave(rooms.session(sessionId));
			await socket.leave(rooms.screens(sessionId));
			await socket.leave(rooms.audience(sessionId));
			await socket.leave(rooms.staff(sessionId));
			if (who.kind === 'audience') presence.remove(sessionId, who.participantId);
			return null;
		},
		'stage:get': async ({ data: { who } }, { sessionId }) => {
			await authorizeWatch(who, sessionId, deps);
			return getStage(sessionId, deps);
		},
		'stage:set': async ({ data: { who } }, { sessionId, state, expectedVersion }) => {
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
		'participant:update': async ({ data: { who } }, patch) => {
			if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants have a participant profile');
			const p = await updateParticipant(who.participantId, patch, deps);
			if (patch.channel && patch.channel !== who.channel) {
				who.channel = patch.channel;
				presence.setChannel(who.participantId, patch.channel);
			}
			return { id: p.id, displayName: p.displayName, channel: p.channel };
		}
	};
}

/**
 * Builds the handlers of every inbound event once and returns what wires one authenticated
 * socket to them: one listener for all its events and one for its disconnect, so a connection
 * costs two closures instead of one per event (issue 7: 5 KB of heap per connection).
 */
export function socketWiring(ctx: RealtimeContext): (socket: PlenumSocket) => void {
	const dispatch = dispatcher({ ...coreHandlers(ctx), ...pollHandlers(ctx), ...qaHandlers(ctx), ...boardHandlers(ctx) }, ctx);
	const { presence } = ctx;
	return (socket) => {
		socket.onAny((event: unknown, ...args: unknown[]) => dispatch(socket, event, args));
		socket.on('disconnect', () => {
			const who = socket.data.who;
			if (who.kind === 'audience') for (const sid of socket.data.watching) presence.remove(sid, who.participantId);
			socket.data.watching.clear();
		});
	};
}
