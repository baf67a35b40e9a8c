import type { DrawSummary, PublicBoard, PublicWorkshop } from '#lib/shared/boards.ts';
import { dateFormat } from '#lib/shared/intl.ts';

/**
 * What the stage screen and the overlay say about a workshop board (B9). Pure, so both follow the
 * same rules and the specs can pin them down.
 *
 * - open: sign-up runs, first come, first served (also a lottery's seats left after the draw)
 * - ranking: a lottery before its deadline: choices are taken
 * - awaiting: a lottery past its deadline, not drawn yet
 * - closed: nothing changes for participants (a draft is never shown on a stage: B4)
 */
export type BoardPhase = 'open' | 'ranking' | 'awaiting' | 'closed';

type PhaseInput = Pick<PublicBoard, 'mode' | 'state' | 'lotteryDeadline' | 'drawnAt'>;

export function boardPhase(board: PhaseInput, now: number): BoardPhase {
	if (board.state !== 'open') return 'closed';
	if (board.mode !== 'lottery' || board.drawnAt !== null) return 'open';
	// The server refuses rankings from the deadline on (B6); no deadline: none are taken.
	return board.lotteryDeadline !== null && now < board.lotteryDeadline ? 'ranking' : 'awaiting';
}

/** A lottery whose seats are not drawn yet: nobody holds a seat, so the stage shows capacities. */
export function lotteryPending(board: Pick<PublicBoard, 'mode' | 'drawnAt'>): boolean {
	return board.mode === 'lottery' && board.drawnAt === null;
}

/** One workshop's seats, in words chosen by the caller. */
export type SeatLine = { kind: 'left'; count: number } | { kind: 'full'; waitlisted: number } | { kind: 'capacity'; count: number };

type SeatInput = Pick<PublicWorkshop, 'capacity' | 'seatsLeft' | 'waitlisted'>;

export function seatLine(w: SeatInput, pending: boolean): SeatLine {
	if (pending) return { kind: 'capacity', count: w.capacity };
	if (w.seatsLeft > 0) return { kind: 'left', count: w.seatsLeft };
	return { kind: 'full', waitlisted: w.waitlisted };
}

/** The bar's share of taken seats in whole percent; a lowered capacity never draws past full. */
export function takenPercent(w: Pick<PublicWorkshop, 'capacity' | 'confirmed'>): number {
	if (w.capacity <= 0) return 100;
	return Math.min(100, Math.max(0, Math.round((w.confirmed / w.capacity) * 100)));
}

/** Columns of the workshop list on a 16:9 screen: a few workshops get full rows, many share. */
export function boardColumns(n: number): 1 | 2 | 3 {
	return n <= 6 ? 1 : n <= 14 ? 2 : 3;
}

/** Columns of the overlay's one-line list: a lower third holds about four lines. */
export function overlayColumns(n: number): 1 | 2 | 3 {
	return n <= 4 ? 1 : n <= 10 ? 2 : 3;
}

/** How long until the stage must look at the clock again (the deadline passing); null: never. */
export const CLOCK_STEP_MS = 60_000;
export function nextClockCheck(deadline: number | null, now: number): number | null {
	if (deadline === null || deadline <= now) return null;
	// A little after the deadline, so the server has refused rankings by then too.
	return Math.min(deadline - now + 250, CLOCK_STEP_MS);
}

/**
 * Tells `tick` the time whenever the phase may have changed: every minute until the deadline and
 * just after it. Returns what stops it (call from an `$effect` keyed on the deadline only).
 */
export function watchDeadline(deadline: number | null, tick: (now: number) => void): () => void {
	let timer: ReturnType<typeof setTimeout> | null = null;
	const plan = () => {
		const wait = nextClockCheck(deadline, Date.now());
		if (wait === null) return;
		timer = setTimeout(() => {
			tick(Date.now());
			plan();
		}, wait);
	};
	plan();
	return () => {
		if (timer) clearTimeout(timer);
	};
}

/**
 * The lottery deadline in the event's time zone: "14:30" today, "Di., 12. Mai, 14:30" on another
 * day. Server and browser give the same text whatever their own zone.
 */
export function formatDeadline(deadline: number, now: number, locale: string, timeZone: string): string {
	const day = (t: number) => dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
	const time = dateFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(deadline);
	if (day(deadline) === day(now)) return time;
	const date = dateFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'long' }).format(deadline);
	return `${date}, ${time}`;
}

export type DrawKey = 'first' | 'second' | 'third' | 'none';
export interface DrawRow {
	key: DrawKey;
	count: number;
	/** Share of the entrants in whole percent (0 without entrants). */
	percent: number;
}

/** The draw summary (B7) as rows: first, second, third choice, then those without a seat. */
export function drawRows(s: DrawSummary): DrawRow[] {
	const share = (n: number) => (s.entrants > 0 ? Math.round((n / s.entrants) * 100) : 0);
	const [first, second, third] = s.byRank;
	return [
		{ key: 'first', count: first, percent: share(first) },
		{ key: 'second', count: second, percent: share(second) },
		{ key: 'third', count: third, percent: share(third) },
		{ key: 'none', count: s.none, percent: share(s.none) }
	];
}

/** What the stage's first paint knows, used once: a board shown again is fetched fresh. */
export function seedFor(seed: PublicBoard | null, boardId: string): { board: PublicBoard; mine: null } | null {
	return seed && seed.id === boardId ? { board: seed, mine: null } : null;
}
