import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { eventAccess } from '#lib/server/api/access.ts';
import { boardCreateBody } from '#lib/server/api/board-inputs.ts';
import { boardView } from '#lib/server/api/board-view.ts';
import { createBoard } from '#lib/server/boards/board.ts';
import { listBoards } from '#lib/server/boards/read.ts';

/** The event's sign-up boards, oldest first, drafts included: staff see drafts, phones do not (B4). */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	await eventAccess(user.id, event.params.eventId, 'event:view', deps);
	return ok({ boards: (await listBoards(event.params.eventId, true, deps)).map(boardView) });
});

/** A new board, as a draft (B5); a lottery's seed is made now and only its hash is shown (B7). */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const { eventId } = event.params;
	await eventAccess(user.id, eventId, 'event:manage', deps);
	const created = await createBoard(eventId, boardCreateBody(await readJson(event.request)), user.id, deps);
	return ok(boardView(created), 201, { location: `/api/v1/boards/${encodeURIComponent(created.id)}` });
});

export const fallback = methodNotAllowed('GET', 'POST');
