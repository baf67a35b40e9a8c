import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { boardAccess } from '#lib/server/api/board-access.ts';
import { workshopCreateBody } from '#lib/server/api/board-inputs.ts';
import { boardView } from '#lib/server/api/board-view.ts';
import { addWorkshop } from '#lib/server/boards/board.ts';

/**
 * Puts a session of the same event on the board with its capacity and description (B5). A
 * session is on one board at most (`conflict`). Answers the whole board.
 */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	const input = workshopCreateBody(await readJson(event.request));
	return ok(boardView(await addWorkshop(board.id, input, user.id, deps)), 201);
});

export const fallback = methodNotAllowed('POST');
