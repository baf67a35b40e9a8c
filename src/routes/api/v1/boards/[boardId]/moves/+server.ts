import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { boardAccess } from '#lib/server/api/board-access.ts';
import { moveBody } from '#lib/server/api/board-inputs.ts';
import { seatView } from '#lib/server/api/board-view.ts';
import { moveParticipant } from '#lib/server/boards/manual.ts';

/**
 * The organiser moves a participant by hand (B5): into a workshop of the board, as a confirmed
 * seat that must be free (`conflict` otherwise: raise the capacity first), or off the board with
 * `toSessionId: null`. The old seat is released in the same transaction and goes to the first in
 * line there. Moving someone where they already sit changes nothing. Answers where they stand now.
 */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const { board } = await boardAccess(user.id, event.params.boardId, 'event:manage', deps);
	const { participantId, toSessionId } = moveBody(await readJson(event.request));
	return ok(seatView(participantId, await moveParticipant(board.id, participantId, toSessionId, user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
