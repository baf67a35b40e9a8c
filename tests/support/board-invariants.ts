import type { Db } from '../../src/lib/server/db/connect.ts';
import { myBoardState } from '../../src/lib/server/boards/read.ts';

/**
 * The seat rules of a board (B1–B3, B5; R1/R2 of quality.md), checked from the database alone,
 * so the property test, the races and the seat-rush bench share one oracle.
 */
export interface WorkshopSnapshot {
	sessionId: string;
	capacity: number;
	/** The `confirmed` column, moved by the conditional update. */
	confirmedColumn: number;
	/** Participants holding a confirmed seat, sorted by id. */
	confirmed: string[];
	/** Participants waiting, in queue order (ascending queue number). */
	waitlist: string[];
	queueNos: number[];
	queueSeq: number;
}
export interface BoardSnapshot {
	boardId: string;
	workshops: Map<string, WorkshopSnapshot>;
	rows: { participantId: string; sessionId: string; boardId: string; status: string; queueNo: number }[];
}

export async function boardSnapshot(db: Db, boardId: string): Promise<BoardSnapshot> {
	const ws = await db
		.selectFrom('board_workshops')
		.select(['session_id', 'capacity', 'confirmed', 'queue_seq'])
		.where('board_id', '=', boardId)
		.orderBy('position')
		.execute();
	const ids = ws.map((w) => w.session_id).concat(['']);
	// Also rows of another board pointing at this board's workshops: a seat belongs to one board.
	const seats = await db
		.selectFrom('seats')
		.select(['board_id', 'participant_id', 'session_id', 'status', 'queue_no'])
		.where((eb) => eb.or([eb('board_id', '=', boardId), eb('session_id', 'in', ids)]))
		.orderBy('queue_no')
		.orderBy('participant_id')
		.execute();
	const rows = seats.map((s) => ({
		participantId: s.participant_id,
		sessionId: s.session_id,
		boardId: s.board_id,
		status: s.status,
		queueNo: Number(s.queue_no)
	}));
	const workshops = new Map<string, WorkshopSnapshot>();
	for (const w of ws) {
		const mine = rows.filter((r) => r.sessionId === w.session_id);
		const waiting = mine.filter((r) => r.status === 'waitlisted');
		workshops.set(w.session_id, {
			sessionId: w.session_id,
			capacity: Number(w.capacity),
			confirmedColumn: Number(w.confirmed),
			confirmed: mine
				.filter((r) => r.status === 'confirmed')
				.map((r) => r.participantId)
				.sort(),
			waitlist: waiting.map((r) => r.participantId),
			queueNos: waiting.map((r) => r.queueNo),
			queueSeq: Number(w.queue_seq)
		});
	}
	return { boardId, workshops, rows };
}

export interface CheckOptions {
	/**
	 * The snapshot before the last step. With it, a workshop may stay above a LOWERED capacity,
	 * but no seat may be newly confirmed unless it fits: new confirmations ≤ capacity − seats
	 * kept (B5: lowering never evicts, new sign-ups wait until the confirmed seats fit).
	 */
	prev?: BoardSnapshot;
	/** Skip the capacity bound (only where capacity was lowered and no step snapshot exists). */
	mayExceed?: boolean;
}

/** Every broken rule, as readable lines; empty when the board is sound. */
export function boardViolations(s: BoardSnapshot, opts: CheckOptions = {}): string[] {
	const out: string[] = [];
	const seen = new Map<string, number>();
	for (const r of s.rows) {
		seen.set(r.participantId, (seen.get(r.participantId) ?? 0) + 1);
		if (r.boardId !== s.boardId) out.push(`B1 seat of ${r.participantId} on board ${r.boardId} points at workshop ${r.sessionId} of board ${s.boardId}`);
		if (!s.workshops.has(r.sessionId) && r.boardId === s.boardId) out.push(`B1 seat of ${r.participantId} in unknown workshop ${r.sessionId}`);
		if (r.status !== 'confirmed' && r.status !== 'waitlisted') out.push(`B2 seat of ${r.participantId} has status ${r.status}`);
	}
	for (const [p, n] of seen) if (n > 1) out.push(`B1/B2 ${p} holds ${n} seats or places on the board (confirmed and waitlisted at once?)`);
	for (const w of s.workshops.values()) {
		const id = w.sessionId;
		if (w.confirmedColumn !== w.confirmed.length) out.push(`B1 ${id}: confirmed column ${w.confirmedColumn} but ${w.confirmed.length} confirmed seats`);
		const before = opts.prev?.workshops.get(id);
		if (before) {
			const kept = w.confirmed.filter((p) => before.confirmed.includes(p)).length;
			const added = w.confirmed.length - kept;
			if (added > Math.max(0, w.capacity - kept))
				out.push(`B1/B5 ${id}: ${added} newly confirmed while ${kept} of capacity ${w.capacity} were kept (oversold)`);
		} else if (!opts.mayExceed && w.confirmed.length > w.capacity) out.push(`B1 ${id}: ${w.confirmed.length} confirmed > capacity ${w.capacity}`);
		for (let i = 0; i < w.queueNos.length; i++) {
			const q = w.queueNos[i]!;
			if (q < 1 || q > w.queueSeq) out.push(`B2 ${id}: queue number ${q} outside 1..${w.queueSeq}`);
			if (i > 0 && q <= w.queueNos[i - 1]!) out.push(`B2 ${id}: queue numbers not strictly increasing (${w.queueNos[i - 1]} then ${q})`);
		}
		// The position the phones see: 1 + the number waiting with a smaller queue number.
		const positions = w.queueNos.map((q) => 1 + w.queueNos.filter((o) => o < q).length);
		if (positions.some((pos, i) => pos !== i + 1)) out.push(`B2 ${id}: waitlist positions ${positions.join(',')} are not 1..${positions.length}`);
		if (w.waitlist.length > 0 && w.confirmed.length < w.capacity)
			out.push(`B3 ${id}: ${w.waitlist.length} waiting although ${w.capacity - w.confirmed.length} seat(s) are free (no promotion)`);
	}
	return out;
}

/**
 * Also asks the domain (myBoardState) for every waiting participant's position: the number the
 * phone shows must be the place in the queue.
 */
export async function positionViolations(db: Db, s: BoardSnapshot): Promise<string[]> {
	const out: string[] = [];
	for (const w of s.workshops.values())
		for (const [i, p] of w.waitlist.entries()) {
			const mine = await myBoardState(db, s.boardId, p);
			if (mine.status !== 'waitlisted' || mine.position !== i + 1 || mine.sessionId !== w.sessionId)
				out.push(`B2 ${p} in ${w.sessionId}: phone shows ${mine.status} at ${mine.position}, queue place is ${i + 1}`);
		}
	return out;
}

/** Snapshot and check in one call. */
export async function checkBoard(
	db: Db,
	boardId: string,
	opts: CheckOptions & { positions?: boolean } = {}
): Promise<{ snapshot: BoardSnapshot; violations: string[] }> {
	const snapshot = await boardSnapshot(db, boardId);
	const violations = boardViolations(snapshot, opts);
	if (opts.positions) violations.push(...(await positionViolations(db, snapshot)));
	return { snapshot, violations };
}

/**
 * The reference the property test compares the database with: seat holders and FIFO queues per
 * workshop, nothing else. Participants and workshops are indices.
 */
export type SeatCmd =
	| { kind: 'claim'; p: number; w: number }
	| { kind: 'cancel'; p: number }
	| { kind: 'capacity'; w: number; capacity: number }
	| { kind: 'move'; p: number; w: number | null };
/** A switch names no workshop: it goes `step` workshops further than the current one. */
export type Cmd = SeatCmd | { kind: 'switch'; p: number; step: number } | { kind: 'replay'; pick: number } | { kind: 'state'; open: boolean };
type Status = 'confirmed' | 'waitlisted';

export class BoardModel {
	cap: number[];
	confirmed: Set<number>[];
	queues: number[][];
	open = true;

	constructor(cap: number[], confirmed?: Set<number>[], queues?: number[][]) {
		this.cap = [...cap];
		this.confirmed = confirmed ?? cap.map(() => new Set());
		this.queues = queues ?? cap.map(() => []);
	}

	clone(): BoardModel {
		const m = new BoardModel(
			this.cap,
			this.confirmed.map((s) => new Set(s)),
			this.queues.map((q) => [...q])
		);
		m.open = this.open;
		return m;
	}

	seat(p: number): { w: number; status: Status } | null {
		for (let w = 0; w < this.cap.length; w++) {
			if (this.confirmed[w]!.has(p)) return { w, status: 'confirmed' };
			if (this.queues[w]!.includes(p)) return { w, status: 'waitlisted' };
		}
		return null;
	}

	resolve(cmd: Exclude<Cmd, { kind: 'replay' | 'state' }>): SeatCmd {
		if (cmd.kind !== 'switch') return cmd;
		return { kind: 'claim', p: cmd.p, w: ((this.seat(cmd.p)?.w ?? 0) + cmd.step) % this.cap.length };
	}

	/** B3: free seats go to the front of the queue. */
	private promote(w: number): void {
		while (this.queues[w]!.length > 0 && this.confirmed[w]!.size < this.cap[w]!) this.confirmed[w]!.add(this.queues[w]!.shift()!);
	}

	private release(p: number): void {
		const s = this.seat(p);
		if (!s) return;
		if (s.status === 'waitlisted') this.queues[s.w] = this.queues[s.w]!.filter((x) => x !== p);
		else {
			this.confirmed[s.w]!.delete(p);
			this.promote(s.w);
		}
	}

	apply(cmd: SeatCmd): 'ok' | 'conflict' {
		switch (cmd.kind) {
			case 'claim': {
				if (!this.open) return 'conflict';
				if (this.seat(cmd.p)?.w === cmd.w) return 'ok';
				this.release(cmd.p);
				if (this.confirmed[cmd.w]!.size < this.cap[cmd.w]!) this.confirmed[cmd.w]!.add(cmd.p);
				else this.queues[cmd.w]!.push(cmd.p);
				return 'ok';
			}
			case 'cancel':
				if (!this.open) return 'conflict';
				this.release(cmd.p);
				return 'ok';
			case 'capacity':
				this.cap[cmd.w] = cmd.capacity;
				this.promote(cmd.w);
				return 'ok';
			case 'move': {
				const s = this.seat(cmd.p);
				if (cmd.w !== null && s?.w === cmd.w && s.status === 'confirmed') return 'ok';
				if (cmd.w !== null && this.confirmed[cmd.w]!.size >= this.cap[cmd.w]!) return 'conflict';
				this.release(cmd.p);
				if (cmd.w !== null) this.confirmed[cmd.w]!.add(cmd.p);
				return 'ok';
			}
		}
	}

	mine(p: number): { w: number | null; status: Status | null; position: number | null } {
		const s = this.seat(p);
		if (!s) return { w: null, status: null, position: null };
		return { w: s.w, status: s.status, position: s.status === 'waitlisted' ? this.queues[s.w]!.indexOf(p) + 1 : null };
	}

	/** The shape `boardSnapshot` gives, with participant ids. */
	view(ids: readonly string[]): { capacity: number; confirmed: string[]; waitlist: string[] }[] {
		return this.cap.map((capacity, w) => ({
			capacity,
			confirmed: [...this.confirmed[w]!].map((p) => ids[p]!).sort(),
			waitlist: this.queues[w]!.map((p) => ids[p]!)
		}));
	}

	overCapacity(): boolean {
		return this.cap.some((c, w) => this.confirmed[w]!.size > c);
	}

	/** Workshops whose holders or queue changed, and people whose seat or status changed. */
	changedSince(before: BoardModel): { workshops: number[]; people: number[] } {
		const key = (m: BoardModel, w: number) => JSON.stringify([[...m.confirmed[w]!].sort(), m.queues[w]]);
		const workshops = this.cap.map((_, w) => w).filter((w) => key(this, w) !== key(before, w));
		const everyone = new Set([...this.confirmed, ...before.confirmed].flatMap((s) => [...s]).concat([...this.queues, ...before.queues].flat()));
		const people = [...everyone].filter((p) => JSON.stringify(this.seat(p)) !== JSON.stringify(before.seat(p)));
		return { workshops, people };
	}

	/** Every order of the given items (k ≤ 5 here, so at most 120). */
	static orders(items: number[]): number[][] {
		if (items.length <= 1) return [items];
		return items.flatMap((x, i) => BoardModel.orders(items.filter((_, j) => j !== i)).map((rest) => [x, ...rest]));
	}
}
