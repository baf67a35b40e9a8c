import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { boardAccess } from '#lib/server/api/board-access.ts';
import { boardView } from '#lib/server/api/board-view.ts';
import { setBoardState } from '#lib/server/boards/board.ts';

/** Closes sign-up: nothing changes for participants any more; seats and waitlists stay (B4). */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	return ok(boardView(await setBoardState(board.id, 'closed', user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
