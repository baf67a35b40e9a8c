import type { RequestHandler } from './$types';
import { api, methodNotAllowed, noContent, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { boardAccess } from '#lib/server/api/board-access.ts';
import { boardPatchBody } from '#lib/server/api/board-inputs.ts';
import { boardView } from '#lib/server/api/board-view.ts';
import { deleteBoard, updateBoard } from '#lib/server/boards/board.ts';
import { publicBoard } from '#lib/server/boards/read.ts';

/** A board with its workshops and seat counts; every member of the event may read it. */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:view', deps);
	return ok(boardView(await publicBoard(board.id, deps)));
});

/**
 * A partial change, merged into the board and validated as a whole. The mode changes only while
 * the board is a draft, the deadline only until the draw (the domain answers `conflict`).
 */
export const PATCH: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	const input = boardPatchBody(board, await readJson(event.request));
	return ok(boardView(await updateBoard(board.id, input, user.id, deps)));
});

/** Deletes the board with its seats, waitlists and rankings; the sessions stay in the agenda. */
export const DELETE: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	await deleteBoard(board.id, user.id, deps);
	return noContent();
});

export const fallback = methodNotAllowed('GET', 'PATCH', 'DELETE');
