import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { boardAccess } from '#lib/server/api/board-access.ts';
import { boardView } from '#lib/server/api/board-view.ts';
import { runDraw } from '#lib/server/boards/draw.ts';

/**
 * The lottery draw (B7): once, after the ranking deadline. Answers the board with the draw
 * summary and the revealed seed. Before the deadline, a second time, or on a first come, first
 * served board: `conflict`. Seats left afterwards are first come, first served with a waitlist.
 */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	return ok(boardView(await runDraw(board.id, user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
