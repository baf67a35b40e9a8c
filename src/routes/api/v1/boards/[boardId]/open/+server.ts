import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { boardAccess } from '#lib/server/api/board-access.ts';
import { boardView } from '#lib/server/api/board-view.ts';
import { setBoardState } from '#lib/server/boards/board.ts';

/**
 * Opens sign-up (or, on a lottery board, the ranking) for participants (B4). A board needs a
 * workshop first (`conflict`); opening an open board, or a closed one again, is allowed.
 */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	return ok(boardView(await setBoardState(board.id, 'open', user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
