import { AppError } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/access/service.ts';
import { boardRow } from '#lib/server/boards/read.ts';
import type { Deps } from '#lib/server/deps.ts';

/**
 * The board in the URL, for the organiser of the event in the URL (`event:manage`, B5): others
 * get the event's forbidden or not_found first, and a board of another event is `not_found`,
 * so one event's pages never act on another's boards. The domain functions check rights again.
 */
export async function boardOfEvent(boardId: string, eventId: string, userId: string, d: Pick<Deps, 'db'>) {
	await requireAccess(userId, eventId, 'event:manage', d);
	const b = await boardRow(d.db, boardId);
	if (b.event_id !== eventId) throw new AppError('not_found', 'board not found');
	return b;
}
