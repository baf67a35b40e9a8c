import type { RequestHandler } from './$types';
import { api, methodNotAllowed, noContent, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { boardAccess, workshopOf } from '#lib/server/api/board-access.ts';
import { workshopPatchBody } from '#lib/server/api/board-inputs.ts';
import { boardView } from '#lib/server/api/board-view.ts';
import { removeWorkshop, updateWorkshop } from '#lib/server/boards/board.ts';
import { publicBoard } from '#lib/server/boards/read.ts';

/**
 * Changes a workshop's capacity or description (B5). Raising the capacity promotes from the
 * waitlist at once; lowering it evicts nobody. Answers the whole board.
 */
export const PATCH: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	const current = workshopOf(await publicBoard(board.id, deps), event.params.sessionId);
	const input = workshopPatchBody(current, await readJson(event.request));
	return ok(boardView(await updateWorkshop(board.id, input, user.id, deps)));
});

/** Takes the workshop off the board (the session stays in the agenda); `conflict` while anyone is signed up. */
export const DELETE: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	const current = workshopOf(await publicBoard(board.id, deps), event.params.sessionId);
	await removeWorkshop(board.id, current.sessionId, user.id, deps);
	return noContent();
});

export const fallback = methodNotAllowed('PATCH', 'DELETE');
