import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { once } from '../db/once.ts';
import type { MyBoardState, PublicBoard } from '../../shared/boards.ts';
import { requireBoardManager } from './board.ts';
import { drawLottery } from './lottery.ts';
import { myBoardState, publicBoard } from './read.ts';
import { lockWorkshops } from './seats.ts';

type DrawDeps = Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>;

/**
 * A participant ranks up to three workshops of a lottery board until its deadline (B6); ranking
 * again replaces the earlier choices. Every choice must be a workshop of this board.
 */
export async function rankChoices(
	input: { participantId: string; eventId: string; boardId: string; choices: string[]; key: string },
	deps: DrawDeps
): Promise<MyBoardState> {
	return once(input.participantId, input.key, 'board:rank', deps, async (trx) => {
		const b = await trx.selectFrom('boards').selectAll().where('id', '=', input.boardId).executeTakeFirst();
		if (!b || b.event_id !== input.eventId || b.state === 'draft') throw new AppError('not_found', 'board not found');
		if (b.mode !== 'lottery') throw new AppError('conflict', 'this board is first come, first served');
		if (b.state !== 'open' || b.drawn_at !== null || deps.clock.now() >= Number(b.lottery_deadline)) throw new AppError('conflict', 'the ranking has ended');
		const ws = await trx.selectFrom('board_workshops').select('session_id').where('board_id', '=', input.boardId).execute();
		const known = new Set(ws.map((w) => w.session_id));
		if (!input.choices.every((c) => known.has(c))) throw new AppError('not_found', 'workshop not found');
		const now = deps.clock.now();
		const existing = await trx
			.selectFrom('lottery_entries')
			.select('participant_id')
			.where('board_id', '=', input.boardId)
			.where('participant_id', '=', input.participantId)
			.executeTakeFirst();
		if (existing)
			await trx
				.updateTable('lottery_entries')
				.set({ choices: JSON.stringify(input.choices), updated_at: now })
				.where('board_id', '=', input.boardId)
				.where('participant_id', '=', input.participantId)
				.execute();
		else
			await trx
				.insertInto('lottery_entries')
				.values({
					board_id: input.boardId,
					participant_id: input.participantId,
					choices: JSON.stringify(input.choices),
					drawn_session_id: null,
					drawn_rank: null,
					created_at: now,
					updated_at: now
				})
				.execute();
		return { data: await myBoardState(trx, input.boardId, input.participantId), after: () => deps.publisher.boardChanged(input.boardId) };
	});
}

/**
 * The draw (B7): once, after the deadline, in one transaction — the entries and free seats are
 * read, the pure draw assigns seats, the seats are confirmed with the rank drawn, every entry
 * records its result, and the board stores the summary and reveals its seed. Drawing again is
 * refused. Seats left afterwards are first come, first served with a waitlist.
 */
export async function runDraw(boardId: string, userId: string, deps: DrawDeps): Promise<PublicBoard> {
	const b = await requireBoardManager(boardId, userId, deps);
	if (b.mode !== 'lottery') throw new AppError('conflict', 'this board is first come, first served');
	if (deps.clock.now() < Number(b.lottery_deadline)) throw new AppError('conflict', 'the ranking runs until its deadline; move the deadline to draw now');
	const participants = await deps.db.transaction().execute(async (trx) => {
		// The flip from "not drawn" to "drawn" is the guard: a second draw (or a racing one) changes nothing.
		const flip = await trx
			.updateTable('boards')
			.set({ drawn_at: deps.clock.now(), updated_at: deps.clock.now() })
			.where('id', '=', boardId)
			.where('drawn_at', 'is', null)
			.executeTakeFirst();
		if (Number(flip.numUpdatedRows) !== 1) throw new AppError('conflict', 'the lottery has been drawn already');
		// Lock every workshop of the board first: a move by hand committing meanwhile must not leave
		// the draw counting seats that are gone (B1 on PostgreSQL; SQLite writes one at a time).
		const ids = await trx.selectFrom('board_workshops').select('session_id').where('board_id', '=', boardId).execute();
		await lockWorkshops(trx, deps.dbKind, ids.map((w) => w.session_id));
		const ws = await trx.selectFrom('board_workshops').select(['session_id', 'capacity', 'confirmed']).where('board_id', '=', boardId).execute();
		// Someone the organiser already placed by hand keeps that seat and is not drawn.
		const placed = new Set((await trx.selectFrom('seats').select('participant_id').where('board_id', '=', boardId).execute()).map((s) => s.participant_id));
		const entries = (await trx.selectFrom('lottery_entries').select(['participant_id', 'choices']).where('board_id', '=', boardId).execute()).filter(
			(e) => !placed.has(e.participant_id)
		);
		const capacities = new Map(ws.map((w) => [w.session_id, Math.max(0, Number(w.capacity) - Number(w.confirmed))]));
		const result = drawLottery(
			entries.map((e) => ({ participantId: e.participant_id, choices: JSON.parse(e.choices) as string[] })),
			capacities,
			b.seed
		);
		const now = deps.clock.now();
		const perWorkshop = new Map<string, number>();
		for (const e of entries) {
			const seat = result.seats.get(e.participant_id);
			await trx
				.updateTable('lottery_entries')
				.set({ drawn_session_id: seat?.sessionId ?? null, drawn_rank: seat?.rank ?? 0 })
				.where('board_id', '=', boardId)
				.where('participant_id', '=', e.participant_id)
				.execute();
			if (!seat) continue;
			perWorkshop.set(seat.sessionId, (perWorkshop.get(seat.sessionId) ?? 0) + 1);
			await trx
				.insertInto('seats')
				.values({
					board_id: boardId,
					participant_id: e.participant_id,
					session_id: seat.sessionId,
					status: 'confirmed',
					queue_no: 0,
					drawn_rank: seat.rank,
					created_at: now,
					confirmed_at: now
				})
				.execute();
		}
		for (const [sessionId, n] of perWorkshop)
			await trx
				.updateTable('board_workshops')
				.set({ confirmed: sql<number>`confirmed + ${n}` })
				.where('session_id', '=', sessionId)
				.execute();
		await trx
			.updateTable('boards')
			.set({ draw_summary: JSON.stringify(result.summary) })
			.where('id', '=', boardId)
			.execute();
		return entries.map((e) => e.participant_id);
	});
	deps.publisher.boardChanged(boardId);
	deps.publisher.seatsChanged(boardId, [], participants);
	return publicBoard(boardId, deps);
}
