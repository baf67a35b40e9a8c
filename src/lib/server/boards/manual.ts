import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { retryTransient } from '../db/unique.ts';
import type { MyBoardState } from '../../shared/boards.ts';
import { requireBoardManager } from './board.ts';
import { myBoardState } from './read.ts';
import { lockedSeat, release, takeSeat } from './seats.ts';

/**
 * The organiser moves a participant by hand (B5): into a workshop (a confirmed seat, which must be
 * free — raise the capacity first otherwise), which also promotes someone from a waitlist out of
 * turn, or off the board (`toSessionId: null`). The old seat is released in the same transaction.
 */
export async function moveParticipant(
	boardId: string,
	participantId: string,
	toSessionId: string | null,
	userId: string,
	deps: Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>
): Promise<MyBoardState> {
	const b = await requireBoardManager(boardId, userId, deps);
	const p = await deps.db.selectFrom('participants').select('event_id').where('id', '=', participantId).executeTakeFirst();
	if (!p || p.event_id !== b.event_id) throw new AppError('not_found', 'participant not found');
	// A seat that changed between reading and locking rolls the whole move back to run again.
	const result = await retryTransient(() =>
		deps.db.transaction().execute(async (trx) => {
			if (toSessionId) {
				const w = await trx.selectFrom('board_workshops').select('board_id').where('session_id', '=', toSessionId).executeTakeFirst();
				if (!w || w.board_id !== boardId) throw new AppError('not_found', 'workshop not found');
			}
			const existing = await lockedSeat(trx, deps.dbKind, boardId, participantId, toSessionId ? [toSessionId] : []);
			if (existing && existing.session_id === toSessionId && existing.status === 'confirmed') return { changed: [] as string[], promoted: [] as string[] };
			const now = deps.clock.now();
			if (toSessionId && !(await takeSeat(trx, toSessionId))) throw new AppError('conflict', 'this workshop is full; raise its capacity first');
			const promoted = existing ? await release(trx, existing, now) : [];
			if (toSessionId)
				await trx
					.insertInto('seats')
					.values({
						board_id: boardId,
						participant_id: participantId,
						session_id: toSessionId,
						status: 'confirmed',
						queue_no: 0,
						drawn_rank: null,
						created_at: now,
						confirmed_at: now
					})
					.execute();
			return { changed: [toSessionId, existing?.session_id].filter((s): s is string => !!s), promoted };
		})
	);
	if (result.changed.length > 0) deps.publisher.seatsChanged(boardId, result.changed, [participantId, ...result.promoted]);
	return myBoardState(deps.db, boardId, participantId);
}
