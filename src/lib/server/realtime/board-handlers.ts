import { AppError, nullIfNotFound } from '../errors.ts';
import type { HandlerTable } from './handle.ts';
import type { RealtimeContext } from './handlers.ts';
import type { SocketIdentity } from './context.ts';
import { loadAccess } from '../access/service.ts';
import { boardRow, listBoards, myBoardState, publicBoard } from '../boards/read.ts';
import { cancelSeat, claimSeat } from '../boards/seats.ts';
import { rankChoices } from '../boards/draw.ts';
import { rooms } from './rooms.ts';
import { getSession } from '../events/service.ts';
import { getReport } from '../boards/report.ts';

/** The event whose boards this socket may see; a draft board only for staff (B4, S3). */
async function mayRead(who: SocketIdentity, boardId: string, deps: RealtimeContext['deps']): Promise<void> {
	const b = await boardRow(deps.db, boardId);
	if (who.kind === 'staff') {
		if (await loadAccess(who.userId, b.event_id, deps)) return;
	} else if (b.event_id === who.eventId && b.state !== 'draft') return;
	throw new AppError('not_found', 'board not found');
}
function audience(who: SocketIdentity) {
	if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants sign up');
	return who;
}

type BoardEvents = 'board:list' | 'board:watch' | 'board:unwatch' | 'report:watch' | 'board:claim' | 'board:cancel' | 'board:rank';

/**
 * Board events (docs/protocol.md). Phones: list and watch their event's boards, sign up, cancel,
 * rank. Stage screens and staff: watch the boards of their event. Organisers configure boards
 * through the pages and the JSON API, not here.
 */
export function boardHandlers(ctx: RealtimeContext): Pick<HandlerTable, BoardEvents> {
	const { deps } = ctx;
	return {
		'board:list': ({ data: { who } }) => {
			if (who.kind === 'staff') throw new AppError('forbidden', 'staff list boards on the event page');
			return listBoards(who.eventId, false, deps);
		},
		'board:watch': async (socket, { boardId }) => {
			const who = socket.data.who;
			await mayRead(who, boardId, deps);
			await socket.join(rooms.board(boardId));
			return { board: await publicBoard(boardId, deps), mine: who.kind === 'audience' ? await myBoardState(deps.db, boardId, who.participantId) : null };
		},
		'board:unwatch': async (socket, { boardId }) => {
			await socket.leave(rooms.board(boardId));
			return null;
		},
		// A stage screen (or staff) of the same event shows a workshop's report-back (B10).
		'report:watch': async (socket, { sessionId }) => {
			const who = socket.data.who;
			const s = await nullIfNotFound(getSession(sessionId, deps));
			const ok = s && (who.kind === 'staff' ? await loadAccess(who.userId, s.eventId, deps) : who.kind === 'stage' && s.eventId === who.eventId);
			if (!s || !ok) throw new AppError('not_found', 'session not found');
			await socket.join(rooms.report(sessionId));
			return getReport(sessionId, deps);
		},
		'board:claim': ({ data: { who } }, { boardId, sessionId, key }) => {
			const a = audience(who);
			return claimSeat({ participantId: a.participantId, eventId: a.eventId, boardId, sessionId, key }, deps);
		},
		'board:cancel': ({ data: { who } }, { boardId, key }) => {
			const a = audience(who);
			return cancelSeat({ participantId: a.participantId, eventId: a.eventId, boardId, key }, deps);
		},
		'board:rank': ({ data: { who } }, { boardId, choices, key }) => {
			const a = audience(who);
			return rankChoices({ participantId: a.participantId, eventId: a.eventId, boardId, choices, key }, deps);
		}
	};
}
