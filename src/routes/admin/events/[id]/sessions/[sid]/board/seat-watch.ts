import type { LiveSession } from '#lib/client/live-session.svelte.ts';
import type { PublicBoard, SeatCounts } from '#lib/shared/boards.ts';

/**
 * Tells the lead's view when the list of one workshop may have changed: its seats moved on the
 * board tick (any sign-up, cancellation, promotion, move or capacity change, B9), the board's
 * state changed (opened, closed, drawn), or the connection came back after a gap in which
 * changes could have been missed. The board itself is watched by a BoardFollower on the same
 * socket; this only listens.
 */
export function watchSeats(live: LiveSession, boardId: string, sessionId: string, changed: () => void): () => void {
	let first = true;
	return live.use({
		attach(socket) {
			const onSeats = (s: SeatCounts) => {
				if (s.boardId === boardId && s.workshops.some((w) => w.sessionId === sessionId)) changed();
			};
			const onState = (s: { boardId: string; board: PublicBoard | null }) => {
				if (s.boardId === boardId) changed();
			};
			socket.on('board:seats', onSeats);
			socket.on('board:state', onState);
			return () => {
				socket.off('board:seats', onSeats);
				socket.off('board:state', onState);
			};
		},
		watched() {
			// The first watch follows the page load, whose list is current; later ones end a gap.
			if (first) first = false;
			else changed();
		}
	});
}
