import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import type { BoardSink } from './publisher.ts';
import type { PlenumServer } from './context.ts';
import { nullIfNotFound } from '../errors.ts';
import { myBoardStates, publicBoard, seatCounts } from '../boards/read.ts';
import { fanOut } from './fan-out.ts';
import { rooms } from './rooms.ts';
import { TickFeed } from './tick-feed.ts';

/**
 * Seat counts go out on a tick (B9), only for the workshops whose seats changed since the last
 * one — a rush of a thousand sign-ups is a few messages a second, not one per claim. A board's
 * definition or state goes out at once. Participants whose seat changed, and everyone still
 * waiting in a changed workshop (their place moved up), get their own state.
 */
export const BOARD_TICK_MS = 500;

export class BoardFeed extends TickFeed<string, { sessions: Set<string>; participants: Set<string> }> implements BoardSink {
	// dirty: boardId → changed workshops ('*' for all) and participants to tell.

	constructor(io: PlenumServer, deps: Deps, log: Logger) {
		super(io, deps, log, BOARD_TICK_MS, 'board');
	}

	boardChanged(boardId: string): void {
		void nullIfNotFound(publicBoard(boardId, this.deps))
			.then((board) => fanOut(this.io, rooms.board(boardId), 'board:state', { boardId, board }))
			.catch((e: unknown) => this.log.error('board state broadcast failed', { error: e instanceof Error ? e.message : String(e) }));
	}

	seatsChanged(boardId: string, sessionIds: readonly string[], participants: readonly string[]): void {
		let d = this.dirty.get(boardId);
		if (!d) this.dirty.set(boardId, (d = { sessions: new Set(), participants: new Set() }));
		if (sessionIds.length === 0) d.sessions.add('*');
		for (const s of sessionIds) d.sessions.add(s);
		for (const p of participants) d.participants.add(p);
	}

	protected async flush(batch: [string, { sessions: Set<string>; participants: Set<string> }][]): Promise<void> {
		for (const [boardId, d] of batch) {
			const all = d.sessions.has('*');
			const ws = await this.deps.db.selectFrom('board_workshops').select('session_id').where('board_id', '=', boardId).execute();
			const sessions = ws.map((w) => w.session_id).filter((s) => all || d.sessions.has(s));
			const seq = this.nextSeq(boardId);
			await fanOut(this.io, rooms.board(boardId), 'board:seats', await seatCounts(boardId, sessions, seq, this.deps));
			// Everyone waiting in a changed workshop moved up when someone ahead left or was promoted.
			const waiting =
				sessions.length === 0
					? []
					: await this.deps.db.selectFrom('seats').select('participant_id').where('session_id', 'in', sessions).where('status', '=', 'waitlisted').execute();
			const tell = [...new Set([...d.participants, ...waiting.map((w) => w.participant_id)])].filter((p) => this.hasSockets(rooms.participant(p)));
			// States come back in the order asked for.
			const states = await myBoardStates(this.deps.db, boardId, tell);
			for (let i = 0; i < tell.length; i++) this.io.local.to(rooms.participant(tell[i]!)).emit('board:mine', states[i]!);
		}
	}

	protected requeue(batch: [string, { sessions: Set<string>; participants: Set<string> }][]): void {
		for (const [boardId, d] of batch) this.seatsChanged(boardId, d.sessions.has('*') ? [] : [...d.sessions], [...d.participants]);
	}
}
