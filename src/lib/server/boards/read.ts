import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import type { Db } from '../db/connect.ts';
import {
	seatsLeft,
	type BoardMode,
	type BoardParticipant,
	type BoardState,
	type DrawSummary,
	type MyBoardState,
	type PublicBoard,
	type PublicWorkshop,
	type SeatCounts
} from '../../shared/boards.ts';

type BoardRow = {
	id: string;
	event_id: string;
	title: string;
	mode: string;
	state: string;
	lottery_deadline: number | null;
	seed: string;
	seed_hash: string;
	drawn_at: number | null;
	draw_summary: string | null;
};

export async function boardRow(db: Db, boardId: string): Promise<BoardRow> {
	const b = await db.selectFrom('boards').selectAll().where('id', '=', boardId).executeTakeFirst();
	if (!b) throw new AppError('not_found', 'board not found');
	return b;
}

/** Seats and waitlist of a board's workshops, one query each, for the board view and the ticks. */
async function workshops(db: Db, boardId: string, only?: readonly string[]): Promise<PublicWorkshop[]> {
	if (only && only.length === 0) return [];
	const rows = await db
		.selectFrom('board_workshops as w')
		.innerJoin('event_sessions as s', 's.id', 'w.session_id')
		.select(['w.session_id', 'w.capacity', 'w.confirmed', 'w.description', 's.title', 's.room', 's.starts_at', 's.ends_at'])
		.select((eb) =>
			eb
				.selectFrom('seats')
				.select(sql<number>`count(*)`.as('n'))
				.whereRef('seats.session_id', '=', 'w.session_id')
				.where('seats.status', '=', 'waitlisted')
				.as('waitlisted')
		)
		.where('w.board_id', '=', boardId)
		.$if(!!only, (q) => q.where('w.session_id', 'in', only!))
		.orderBy('w.position')
		.execute();
	if (rows.length === 0) return [];
	const leads = await db
		.selectFrom('lead_sessions as l')
		.innerJoin('users as u', 'u.id', 'l.user_id')
		.select(['l.session_id', 'u.name'])
		.where(
			'l.session_id',
			'in',
			rows.map((r) => r.session_id)
		)
		.execute();
	return rows.map((r) => {
		const capacity = Number(r.capacity);
		const confirmed = Number(r.confirmed);
		return {
			sessionId: r.session_id,
			title: r.title,
			room: r.room,
			description: r.description,
			startsAt: r.starts_at,
			endsAt: r.ends_at,
			capacity,
			confirmed,
			waitlisted: Number(r.waitlisted ?? 0),
			seatsLeft: seatsLeft({ capacity, confirmed }),
			leads: leads.filter((l) => l.session_id === r.session_id).map((l) => l.name)
		};
	});
}

export function toPublicBoard(b: BoardRow, ws: PublicWorkshop[]): PublicBoard {
	const drawn = b.drawn_at !== null;
	return {
		id: b.id,
		eventId: b.event_id,
		title: b.title,
		mode: b.mode as BoardMode,
		state: b.state as BoardState,
		lotteryDeadline: b.lottery_deadline === null ? null : Number(b.lottery_deadline),
		seedHash: b.mode === 'lottery' ? b.seed_hash : null,
		// The seed stays secret until the draw, so nobody can compute the result in advance (B7).
		seed: b.mode === 'lottery' && drawn ? b.seed : null,
		drawnAt: drawn ? Number(b.drawn_at) : null,
		drawSummary: b.draw_summary ? (JSON.parse(b.draw_summary) as DrawSummary) : null,
		workshops: ws
	};
}

export async function publicBoard(boardId: string, deps: Pick<Deps, 'db'>): Promise<PublicBoard> {
	const b = await boardRow(deps.db, boardId);
	return toPublicBoard(b, await workshops(deps.db, boardId));
}

/** The boards of an event; phones see only those that are not drafts (B4). */
export async function listBoards(eventId: string, includeDrafts: boolean, deps: Pick<Deps, 'db'>): Promise<PublicBoard[]> {
	const rows = await deps.db
		.selectFrom('boards')
		.selectAll()
		.where('event_id', '=', eventId)
		.$if(!includeDrafts, (q) => q.where('state', '!=', 'draft'))
		.orderBy('created_at')
		.execute();
	return Promise.all(rows.map(async (b) => toPublicBoard(b, await workshops(deps.db, b.id))));
}

/** The board a workshop session belongs to, if any. */
export async function boardOfSession(sessionId: string, deps: Pick<Deps, 'db'>): Promise<string | null> {
	const w = await deps.db.selectFrom('board_workshops').select('board_id').where('session_id', '=', sessionId).executeTakeFirst();
	return w?.board_id ?? null;
}

export async function seatCounts(boardId: string, sessionIds: readonly string[], seq: number, deps: Pick<Deps, 'db'>): Promise<SeatCounts> {
	const b = await boardRow(deps.db, boardId);
	const ws = await workshops(deps.db, boardId, sessionIds);
	return {
		boardId,
		seq,
		state: b.state as BoardState,
		workshops: ws.map(({ sessionId, capacity, confirmed, waitlisted, seatsLeft: left }) => ({ sessionId, capacity, confirmed, waitlisted, seatsLeft: left }))
	};
}

/** A participant's seat or waitlist place (with its 1-based position) and lottery entry (B2, B6). */
export async function myBoardState(db: Db, boardId: string, participantId: string): Promise<MyBoardState> {
	const seat = await db.selectFrom('seats').selectAll().where('board_id', '=', boardId).where('participant_id', '=', participantId).executeTakeFirst();
	let position: number | null = null;
	if (seat?.status === 'waitlisted') {
		const ahead = await db
			.selectFrom('seats')
			.select(sql<number>`count(*)`.as('n'))
			.where('session_id', '=', seat.session_id)
			.where('status', '=', 'waitlisted')
			.where('queue_no', '<', seat.queue_no)
			.executeTakeFirstOrThrow();
		position = Number(ahead.n) + 1;
	}
	const entry = await db
		.selectFrom('lottery_entries')
		.selectAll()
		.where('board_id', '=', boardId)
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
	return {
		boardId,
		sessionId: seat?.session_id ?? null,
		status: (seat?.status as MyBoardState['status']) ?? null,
		position,
		choices: entry ? (JSON.parse(entry.choices) as string[]) : null,
		drawnRank: entry?.drawn_rank ?? null
	};
}

/**
 * The own state of many participants of one board at once, in the order asked for, for the board
 * tick: a rush with hundreds waiting costs a handful of queries, not three per person.
 */
export async function myBoardStates(db: Db, boardId: string, participantIds: readonly string[]): Promise<MyBoardState[]> {
	const out: MyBoardState[] = [];
	for (let i = 0; i < participantIds.length; i += 500) {
		const ids = participantIds.slice(i, i + 500);
		const seats = await db.selectFrom('seats').selectAll().where('board_id', '=', boardId).where('participant_id', 'in', ids).execute();
		const entries = await db.selectFrom('lottery_entries').selectAll().where('board_id', '=', boardId).where('participant_id', 'in', ids).execute();
		const waitingIn = [...new Set(seats.filter((s) => s.status === 'waitlisted').map((s) => s.session_id))];
		const queue =
			waitingIn.length === 0
				? []
				: await db
						.selectFrom('seats')
						.select(['participant_id', 'session_id'])
						.where('session_id', 'in', waitingIn)
						.where('status', '=', 'waitlisted')
						.orderBy('queue_no')
						.execute();
		const position = new Map<string, number>();
		const seen = new Map<string, number>();
		for (const q of queue) {
			const n = (seen.get(q.session_id) ?? 0) + 1;
			seen.set(q.session_id, n);
			position.set(q.participant_id, n);
		}
		for (const pid of ids) {
			const seat = seats.find((s) => s.participant_id === pid);
			const entry = entries.find((e) => e.participant_id === pid);
			out.push({
				boardId,
				sessionId: seat?.session_id ?? null,
				status: (seat?.status as MyBoardState['status']) ?? null,
				position: seat?.status === 'waitlisted' ? (position.get(pid) ?? null) : null,
				choices: entry ? (JSON.parse(entry.choices) as string[]) : null,
				drawnRank: entry?.drawn_rank ?? null
			});
		}
	}
	return out;
}

/** The confirmed participants and the waitlist of one workshop, for its lead (B10). */
export async function workshopParticipants(
	sessionId: string,
	deps: Pick<Deps, 'db'>
): Promise<{ confirmed: BoardParticipant[]; waitlist: BoardParticipant[] }> {
	const rows = await deps.db
		.selectFrom('seats')
		.innerJoin('participants', 'participants.id', 'seats.participant_id')
		.select(['seats.participant_id', 'seats.status', 'seats.queue_no', 'seats.created_at', 'participants.display_name'])
		.where('seats.session_id', '=', sessionId)
		.orderBy('seats.status')
		.orderBy('seats.queue_no')
		.orderBy('seats.created_at')
		.execute();
	const toP = (r: (typeof rows)[number], position: number | null): BoardParticipant => ({
		participantId: r.participant_id,
		name: r.display_name,
		status: r.status as BoardParticipant['status'],
		position,
		signedUpAt: Number(r.created_at)
	});
	const confirmed = rows.filter((r) => r.status === 'confirmed').map((r) => toP(r, null));
	const waitlist = rows.filter((r) => r.status === 'waitlisted').map((r, i) => toP(r, i + 1));
	return { confirmed, waitlist };
}
