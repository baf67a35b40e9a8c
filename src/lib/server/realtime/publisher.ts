import type { Server } from 'socket.io';
import type { StageSnapshot } from '../../shared/protocol.ts';
import { rooms } from './rooms.ts';

/**
 * The domain tells the publisher what changed, after the change is committed; the publisher
 * decides how it reaches clients. Domain code never sees a socket.
 */
export interface Publisher {
	stageChanged(snapshot: StageSnapshot): void;
	stageLinkRevoked(sessionId: string): void;
	authSessionEnded(authSessionId: string): void;
	/** A poll's definition or state changed (created, edited, opened, closed, reset, revealed…). */
	pollChanged(sessionId: string, pollId: string): void;
	/** Votes of a poll changed; results go out on the next tick, never per vote (P8). */
	votesChanged(sessionId: string, pollId: string): void;
	/**
	 * Questions, upvotes or Q&A settings of a session changed; lists go out on the next Q&A tick.
	 * `askers`: participants whose own questions changed, so their phones get `qa:mine`.
	 */
	questionsChanged(sessionId: string, askers: readonly string[]): void;
	/** A board's definition or state changed (workshops, capacity, open/close, rankings, draw). */
	boardChanged(boardId: string): void;
	/**
	 * Seats of these workshops changed; counts go out on the next board tick, only for them (B9).
	 * `participants`: whose own seat changed (signed up, cancelled, promoted, drawn, moved).
	 */
	seatsChanged(boardId: string, sessionIds: readonly string[], participants: readonly string[]): void;
	/** A workshop's report-back changed; stage screens showing it fetch it anew. */
	reportChanged(sessionId: string): void;
	/** An event and all its data were deleted (by its owner or the retention sweep): copies outside the database go too (G4). */
	eventDeleted(eventId: string): void;
}

/** Where board changes go once the realtime layer is up (realtime/board-feed.ts). */
export interface BoardSink {
	boardChanged(boardId: string): void;
	seatsChanged(boardId: string, sessionIds: readonly string[], participants: readonly string[]): void;
}

/** Where Q&A changes go once the realtime layer is up (realtime/qa-feed.ts). */
export interface QaSink {
	questionsChanged(sessionId: string, askers: readonly string[]): void;
}

/** Where poll changes go once the realtime layer is up (realtime/poll-feed.ts). */
export interface PollSink {
	pollChanged(sessionId: string, pollId: string): void;
	votesChanged(sessionId: string, pollId: string): void;
}

/** A publisher bound to a Socket.IO server later (the CLI and some tests have none). */
export function lateBoundPublisher(): {
	publisher: Publisher;
	bind(io: Server, polls?: PollSink, qa?: QaSink, boards?: BoardSink, forget?: (eventId: string) => void): void;
} {
	let io: Server | null = null;
	let forget: ((eventId: string) => void) | null = null;
	let polls: PollSink | null = null;
	let qa: QaSink | null = null;
	let boards: BoardSink | null = null;
	const publisher: Publisher = {
		stageChanged(snapshot) {
			io?.to(rooms.session(snapshot.sessionId)).emit('stage:state', snapshot);
		},
		stageLinkRevoked(sessionId) {
			if (!io) return;
			io.to(rooms.stage(sessionId)).emit('session:revoked');
			io.in(rooms.stage(sessionId)).disconnectSockets(true);
		},
		authSessionEnded(authSessionId) {
			if (!io) return;
			io.to(rooms.authSession(authSessionId)).emit('session:revoked');
			io.in(rooms.authSession(authSessionId)).disconnectSockets(true);
		},
		pollChanged: (sessionId, pollId) => polls?.pollChanged(sessionId, pollId),
		votesChanged: (sessionId, pollId) => polls?.votesChanged(sessionId, pollId),
		questionsChanged: (sessionId, askers) => qa?.questionsChanged(sessionId, askers),
		boardChanged: (boardId) => boards?.boardChanged(boardId),
		seatsChanged: (boardId, sessionIds, participants) => boards?.seatsChanged(boardId, sessionIds, participants),
		reportChanged(sessionId) {
			io?.to(rooms.report(sessionId)).emit('report:changed', { sessionId });
		},
		eventDeleted: (eventId) => forget?.(eventId)
	};
	return {
		publisher,
		bind: (server, pollSink, qaSink, boardSink, forgetEvent) => {
			io = server;
			forget = forgetEvent ?? null;
			polls = pollSink ?? null;
			qa = qaSink ?? null;
			boards = boardSink ?? null;
		}
	};
}
