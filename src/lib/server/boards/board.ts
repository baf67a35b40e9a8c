import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { getSession } from '../events/service.ts';
import { BOARD_LIMITS, type BoardInput, type BoardState, type PublicBoard, type WorkshopInput } from '../../shared/boards.ts';
import { newSeed, seedHash } from './lottery.ts';
import { boardRow, publicBoard } from './read.ts';
import { lockWorkshops, promote } from './seats.ts';

type BoardDeps = Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>;

/** The organiser (event:manage) configures boards (B5); others get forbidden, strangers not_found. */
export async function requireBoardManager(boardId: string, userId: string, deps: Pick<Deps, 'db'>) {
	const b = await boardRow(deps.db, boardId);
	await requireAccess(userId, b.event_id, 'event:manage', deps);
	return b;
}

function checkLottery(input: BoardInput): void {
	if (input.mode === 'lottery' && input.lotteryDeadline === null) throw new AppError('invalid_payload', 'a lottery needs a deadline for the rankings');
}

/**
 * A new board, as a draft. Its lottery seed is made now and only its hash is shown (B7): the
 * seed is fixed before anyone ranks, and revealed after the draw.
 */
export async function createBoard(eventId: string, input: BoardInput, userId: string, deps: BoardDeps): Promise<PublicBoard> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	checkLottery(input);
	const now = deps.clock.now();
	const seed = newSeed();
	const id = newId();
	await deps.db
		.insertInto('boards')
		.values({
			id,
			event_id: eventId,
			title: input.title,
			mode: input.mode,
			state: 'draft',
			lottery_deadline: input.lotteryDeadline,
			seed,
			seed_hash: seedHash(seed),
			drawn_at: null,
			draw_summary: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	deps.publisher.boardChanged(id);
	return publicBoard(id, deps);
}

/** Title, mode and deadline change until the board opens; afterwards only the title and the deadline before the draw. */
export async function updateBoard(boardId: string, input: BoardInput, userId: string, deps: BoardDeps): Promise<PublicBoard> {
	const b = await requireBoardManager(boardId, userId, deps);
	checkLottery(input);
	if (b.state !== 'draft' && input.mode !== b.mode) throw new AppError('conflict', 'the mode of an opened board cannot change');
	if (b.drawn_at !== null && input.lotteryDeadline !== b.lottery_deadline) throw new AppError('conflict', 'the lottery has been drawn');
	await deps.db
		.updateTable('boards')
		.set({ title: input.title, mode: input.mode, lottery_deadline: input.lotteryDeadline, updated_at: deps.clock.now() })
		.where('id', '=', boardId)
		.execute();
	deps.publisher.boardChanged(boardId);
	return publicBoard(boardId, deps);
}

export async function deleteBoard(boardId: string, userId: string, deps: BoardDeps): Promise<void> {
	await requireBoardManager(boardId, userId, deps);
	await deps.db.deleteFrom('boards').where('id', '=', boardId).execute();
	deps.publisher.boardChanged(boardId);
}

/** Opens or closes sign-up (B4). A closed board can open again; nothing is lost either way. */
export async function setBoardState(boardId: string, state: Exclude<BoardState, 'draft'>, userId: string, deps: BoardDeps): Promise<PublicBoard> {
	const b = await requireBoardManager(boardId, userId, deps);
	if (state === 'open') {
		const n = await deps.db
			.selectFrom('board_workshops')
			.select(sql<number>`count(*)`.as('n'))
			.where('board_id', '=', boardId)
			.executeTakeFirstOrThrow();
		if (Number(n.n) === 0) throw new AppError('conflict', 'add a workshop before opening the board');
	}
	if (b.state !== state) await deps.db.updateTable('boards').set({ state, updated_at: deps.clock.now() }).where('id', '=', boardId).execute();
	deps.publisher.boardChanged(boardId);
	return publicBoard(boardId, deps);
}

/** Adds a workshop session of the same event to the board; a session belongs to one board at most. */
export async function addWorkshop(boardId: string, input: WorkshopInput, userId: string, deps: BoardDeps): Promise<PublicBoard> {
	const b = await requireBoardManager(boardId, userId, deps);
	const s = await getSession(input.sessionId, deps).catch(() => null);
	if (!s || s.eventId !== b.event_id) throw new AppError('not_found', 'session not found');
	const taken = await deps.db.selectFrom('board_workshops').select('board_id').where('session_id', '=', input.sessionId).executeTakeFirst();
	if (taken) throw new AppError('conflict', 'this session is already on a board');
	const last = await deps.db
		.selectFrom('board_workshops')
		.select([sql<number>`count(*)`.as('n'), sql<number | null>`max(position)`.as('max')])
		.where('board_id', '=', boardId)
		.executeTakeFirstOrThrow();
	if (Number(last.n) >= BOARD_LIMITS.maxWorkshops) throw new AppError('conflict', `a board has at most ${BOARD_LIMITS.maxWorkshops} workshops`);
	await deps.db
		.insertInto('board_workshops')
		.values({
			session_id: input.sessionId,
			board_id: boardId,
			capacity: input.capacity,
			confirmed: 0,
			queue_seq: 0,
			description: input.description,
			position: Number(last.max ?? 0) + 1
		})
		.execute();
	deps.publisher.boardChanged(boardId);
	return publicBoard(boardId, deps);
}

/**
 * Changes a workshop's capacity and description (B5). Raising the capacity promotes the first in
 * line at once; lowering it never removes anyone: confirmed seats above the new capacity stay,
 * and new sign-ups wait until the confirmed seats fit (the conditional update refuses them).
 */
export async function updateWorkshop(boardId: string, input: WorkshopInput, userId: string, deps: BoardDeps): Promise<PublicBoard> {
	await requireBoardManager(boardId, userId, deps);
	const promoted = await deps.db.transaction().execute(async (trx) => {
		await lockWorkshops(trx, deps.dbKind, [input.sessionId]);
		const res = await trx
			.updateTable('board_workshops')
			.set({ capacity: input.capacity, description: input.description })
			.where('session_id', '=', input.sessionId)
			.where('board_id', '=', boardId)
			.executeTakeFirst();
		if (Number(res.numUpdatedRows) !== 1) throw new AppError('not_found', 'workshop not found');
		return promote(trx, input.sessionId, deps.clock.now());
	});
	deps.publisher.boardChanged(boardId);
	deps.publisher.seatsChanged(boardId, [input.sessionId], promoted);
	return publicBoard(boardId, deps);
}

/** Takes a workshop off the board; refused while anyone holds a seat or waits there. */
export async function removeWorkshop(boardId: string, sessionId: string, userId: string, deps: BoardDeps): Promise<PublicBoard> {
	await requireBoardManager(boardId, userId, deps);
	const someone = await deps.db.selectFrom('seats').select('participant_id').where('session_id', '=', sessionId).limit(1).executeTakeFirst();
	if (someone) throw new AppError('conflict', 'people are signed up for this workshop; move them first');
	await deps.db.deleteFrom('board_workshops').where('session_id', '=', sessionId).where('board_id', '=', boardId).execute();
	deps.publisher.boardChanged(boardId);
	return publicBoard(boardId, deps);
}
