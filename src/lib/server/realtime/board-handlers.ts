import { AppError, nullIfNotFound } from '../errors.ts';
import { on } from './handle.ts';
import type { RealtimeContext } from './handlers.ts';
import type { PlenumSocket } from './context.ts';
import { loadAccess } from '../access/service.ts';
import { boardRow, listBoards, myBoardState, publicBoard } from '../boards/read.ts';
import { cancelSeat, claimSeat } from '../boards/seats.ts';
import { rankChoices } from '../boards/draw.ts';
import { rooms } from './rooms.ts';
import { getSession } from '../events/service.ts';
import { getReport } from '../boards/report.ts';

/**
 * Board events (docs/protocol.md). Phones: list and watch their event's boards, sign up, cancel,
 * rank. Stage screens and staff: watch the boards of their event. Organisers configure boards
 * through the pages and the JSON API, not here.
 */
export function registerBoardHandlers(socket: PlenumSocket, ctx: RealtimeContext): void {
	const { deps } = ctx;
	const who = socket.data.who;

	/** The event whose boards this socket may see; a draft board only for staff (B4, S3). */
	async function mayRead(boardId: string): Promise<void> {
		const b = await boardRow(deps.db, boardId);
		if (who.kind === 'staff') {
			if (await loadAccess(who.userId, b.event_id, deps)) return;
		} else if (b.event_id === who.eventId && b.state !== 'draft') return;
		throw new AppError('not_found', 'board not found');
	}
	function audience() {
		if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants sign up');
		return who;
	}

	on(
		socket,
		'board:list',
		() => {
			if (who.kind === 'staff') throw new AppError('forbidden', 'staff list boards on the event page');
			return listBoards(who.eventId, false, deps);
		},
		ctx
	);
	on(
		socket,
		'board:watch',
		async ({ boardId }) => {
			await mayRead(boardId);
			await socket.join(rooms.board(boardId));
			return { board: await publicBoard(boardId, deps), mine: who.kind === 'audience' ? await myBoardState(deps.db, boardId, who.participantId) : null };
		},
		ctx
	);
	on(
		socket,
		'board:unwatch',
		async ({ boardId }) => {
			await socket.leave(rooms.board(boardId));
			return null;
		},
		ctx
	);
	// A stage screen (or staff) of the same event shows a workshop's report-back (B10).
	on(
		socket,
		'report:watch',
		async ({ sessionId }) => {
			const s = await nullIfNotFound(getSession(sessionId, deps));
			const ok = s && (who.kind === 'staff' ? await loadAccess(who.userId, s.eventId, deps) : who.kind === 'stage' && s.eventId === who.eventId);
			if (!s || !ok) throw new AppError('not_found', 'session not found');
			await socket.join(rooms.report(sessionId));
			return getReport(sessionId, deps);
		},
		ctx
	);
	on(
		socket,
		'board:claim',
		({ boardId, sessionId, key }) => {
			const a = audience();
			return claimSeat({ participantId: a.participantId, eventId: a.eventId, boardId, sessionId, key }, deps);
		},
		ctx
	);
	on(
		socket,
		'board:cancel',
		({ boardId, key }) => {
			const a = audience();
			return cancelSeat({ participantId: a.participantId, eventId: a.eventId, boardId, key }, deps);
		},
		ctx
	);
	on(
		socket,
		'board:rank',
		({ boardId, choices, key }) => {
			const a = audience();
			return rankChoices({ participantId: a.participantId, eventId: a.eventId, boardId, choices, key }, deps);
		},
		ctx
	);
}
