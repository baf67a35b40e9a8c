import { AppError, isAppError } from '../errors.ts';
import { requireAccess } from '../access/service.ts';
import type { Action, EventAccess } from '../access/policy.ts';
import { boardRow } from '../boards/read.ts';
import type { PublicBoard, PublicWorkshop } from '../../shared/boards.ts';
import type { Deps } from '../deps.ts';

export type BoardRecord = Awaited<ReturnType<typeof boardRow>>;

/**
 * Loads a board the user may act on in its event. An unknown board and a board of an event the
 * user is no member of give the same answer (S3), as for sessions and polls; a member whose role
 * does not allow the action gets `forbidden` before any body is read.
 */
export async function boardAccess(
	userId: string,
	boardId: string,
	action: Action,
	deps: Pick<Deps, 'db'>
): Promise<{ board: BoardRecord; access: EventAccess }> {
	try {
		const board = await boardRow(deps.db, boardId);
		return { board, access: await requireAccess(userId, board.event_id, action, deps) };
	} catch (e) {
		if (isAppError(e) && e.code === 'not_found') throw new AppError('not_found', 'board not found');
		throw e;
	}
}

/** A workshop of the board, by its session id; `not_found` for a session that is not on this board. */
export function workshopOf(board: PublicBoard, sessionId: string): PublicWorkshop {
	const w = board.workshops.find((x) => x.sessionId === sessionId);
	if (!w) throw new AppError('not_found', 'workshop not found on this board');
	return w;
}
