import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import type { Db } from '../db/connect.ts';
import { once } from '../db/once.ts';
import type { MyBoardState } from '../../shared/boards.ts';
import { myBoardState } from './read.ts';

type SeatDeps = Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>;
type SeatRow = { board_id: string; participant_id: string; session_id: string; status: string };

/**
 * Locks the workshop rows an action touches, in one fixed order, before anything else: two
 * people switching A → B and B → A at once must not deadlock (PostgreSQL). SQLite runs one
 * write transaction at a time and needs no lock.
 */
export async function lockWorkshops(trx: Db, dbKind: Deps['dbKind'], sessionIds: (string | null | undefined)[]): Promise<void> {
	const ids = [...new Set(sessionIds.filter((s): s is string => !!s))].sort();
	if (dbKind !== 'postgres' || ids.length === 0) return;
	await trx.selectFrom('board_workshops').select('session_id').where('session_id', 'in', ids).orderBy('session_id').forUpdate().execute();
}

/** Takes a free seat if there is one: ONE conditional update, never read-then-write (B1). */
export async function takeSeat(trx: Db, sessionId: string): Promise<boolean> {
	const r = await trx
		.updateTable('board_workshops')
		.set({ confirmed: sql<number>`confirmed + 1` })
		.where('session_id', '=', sessionId)
		.whereRef('confirmed', '<', 'capacity')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** The next number at the end of a workshop's waitlist (B2: first in, first out). */
async function nextQueueNo(trx: Db, sessionId: string): Promise<number> {
	await trx
		.updateTable('board_workshops')
		.set({ queue_seq: sql<number>`queue_seq + 1` })
		.where('session_id', '=', sessionId)
		.execute();
	const r = await trx.selectFrom('board_workshops').select('queue_seq').where('session_id', '=', sessionId).executeTakeFirstOrThrow();
	return Number(r.queue_seq);
}

/**
 * Fills free seats from the front of the waitlist, one conditional update each (B3). Returns the
 * promoted participants, who are told on their phones.
 */
export async function promote(trx: Db, sessionId: string, now: number): Promise<string[]> {
	const promoted: string[] = [];
	for (;;) {
		const first = await trx
			.selectFrom('seats')
			.select(['board_id', 'participant_id'])
			.where('session_id', '=', sessionId)
			.where('status', '=', 'waitlisted')
			.orderBy('queue_no')
			.limit(1)
			.executeTakeFirst();
		if (!first || !(await takeSeat(trx, sessionId))) break;
		await trx
			.updateTable('seats')
			.set({ status: 'confirmed', confirmed_at: now })
			.where('board_id', '=', first.board_id)
			.where('participant_id', '=', first.participant_id)
			.execute();
		promoted.push(first.participant_id);
	}
	return promoted;
}

/** Run the whole transaction again: what it read changed under it (once() retries this code). */
function changedMeanwhile(): Error {
	return Object.assign(new Error('seat changed meanwhile'), { code: '40001' });
}

/**
 * The participant's seat on the board, read after its workshop (and `alsoLock`) are locked, so
 * its status cannot change before the transaction ends (a promotion needs the same lock).
 */
export async function lockedSeat(
	trx: Db,
	dbKind: Deps['dbKind'],
	boardId: string,
	participantId: string,
	alsoLock: string[] = []
): Promise<SeatRow | undefined> {
	const before = await seatOf(trx, boardId, participantId);
	await lockWorkshops(trx, dbKind, [before?.session_id, ...alsoLock]);
	const after = await seatOf(trx, boardId, participantId);
	if (before?.session_id !== after?.session_id) throw changedMeanwhile();
	return after;
}

/** Gives up a seat or a waitlist place; a freed seat goes to the first in line (B3). */
export async function release(trx: Db, seat: SeatRow, now: number): Promise<string[]> {
	const del = await trx.deleteFrom('seats').where('board_id', '=', seat.board_id).where('participant_id', '=', seat.participant_id).executeTakeFirst();
	if (Number(del.numDeletedRows) !== 1) throw changedMeanwhile();
	if (seat.status !== 'confirmed') return [];
	await trx
		.updateTable('board_workshops')
		.set({ confirmed: sql<number>`confirmed - 1` })
		.where('session_id', '=', seat.session_id)
		.execute();
	return promote(trx, seat.session_id, now);
}

/** A confirmed seat if one is free, else the end of the waitlist. */
export async function seatOrQueue(
	trx: Db,
	boardId: string,
	participantId: string,
	sessionId: string,
	now: number,
	drawnRank: number | null = null
): Promise<void> {
	const confirmed = await takeSeat(trx, sessionId);
	await trx
		.insertInto('seats')
		.values({
			board_id: boardId,
			participant_id: participantId,
			session_id: sessionId,
			status: confirmed ? 'confirmed' : 'waitlisted',
			queue_no: confirmed ? 0 : await nextQueueNo(trx, sessionId),
			drawn_rank: drawnRank,
			created_at: now,
			confirmed_at: confirmed ? now : null
		})
		.execute();
}

export async function seatOf(trx: Db, boardId: string, participantId: string): Promise<SeatRow | undefined> {
	return trx
		.selectFrom('seats')
		.select(['board_id', 'participant_id', 'session_id', 'status'])
		.where('board_id', '=', boardId)
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
}

/** The board must be the participant's event's, visible, open and taking sign-ups now (B4). */
async function openBoard(trx: Db, boardId: string, eventId: string): Promise<void> {
	const b = await trx.selectFrom('boards').select(['event_id', 'state', 'mode', 'drawn_at']).where('id', '=', boardId).executeTakeFirst();
	if (!b || b.event_id !== eventId || b.state === 'draft') throw new AppError('not_found', 'board not found');
	if (b.state !== 'open') throw new AppError('conflict', 'sign-up for this board is closed');
	if (b.mode === 'lottery' && b.drawn_at === null) throw new AppError('conflict', 'this board fills by lottery: rank your choices until the deadline');
}

async function requireWorkshop(trx: Db, boardId: string, sessionId: string): Promise<void> {
	const w = await trx.selectFrom('board_workshops').select('board_id').where('session_id', '=', sessionId).executeTakeFirst();
	if (!w || w.board_id !== boardId) throw new AppError('not_found', 'workshop not found');
}

/**
 * A participant signs up for a workshop (B1–B4): a seat if one is free, else a waitlist place.
 * Someone who holds a seat or a place in another workshop of the board switches: the old one is
 * released (and its first in line promoted) in the same transaction. Signing up again for the
 * workshop one already has changes nothing.
 */
export async function claimSeat(
	input: { participantId: string; eventId: string; boardId: string; sessionId: string; key: string },
	deps: SeatDeps
): Promise<MyBoardState> {
	return once(input.participantId, input.key, 'board:claim', deps, async (trx) => {
		await openBoard(trx, input.boardId, input.eventId);
		await requireWorkshop(trx, input.boardId, input.sessionId);
		const existing = await lockedSeat(trx, deps.dbKind, input.boardId, input.participantId, [input.sessionId]);
		if (existing?.session_id === input.sessionId) return { data: await myBoardState(trx, input.boardId, input.participantId) };
		const now = deps.clock.now();
		const promoted = existing ? await release(trx, existing, now) : [];
		await seatOrQueue(trx, input.boardId, input.participantId, input.sessionId, now);
		const changed = [input.sessionId, ...(existing ? [existing.session_id] : [])];
		return {
			data: await myBoardState(trx, input.boardId, input.participantId),
			after: () => deps.publisher.seatsChanged(input.boardId, changed, [input.participantId, ...promoted])
		};
	});
}

/** A participant gives up their seat or waitlist place (B3); the first in line moves up. */
export async function cancelSeat(input: { participantId: string; eventId: string; boardId: string; key: string }, deps: SeatDeps): Promise<MyBoardState> {
	return once(input.participantId, input.key, 'board:cancel', deps, async (trx) => {
		const b = await trx.selectFrom('boards').select(['event_id', 'state']).where('id', '=', input.boardId).executeTakeFirst();
		if (!b || b.event_id !== input.eventId || b.state === 'draft') throw new AppError('not_found', 'board not found');
		if (b.state !== 'open') throw new AppError('conflict', 'sign-up for this board is closed');
		const existing = await lockedSeat(trx, deps.dbKind, input.boardId, input.participantId);
		if (!existing) return { data: await myBoardState(trx, input.boardId, input.participantId) };
		const promoted = await release(trx, existing, deps.clock.now());
		return {
			data: await myBoardState(trx, input.boardId, input.participantId),
			after: () => deps.publisher.seatsChanged(input.boardId, [existing.session_id], [input.participantId, ...promoted])
		};
	});
}
