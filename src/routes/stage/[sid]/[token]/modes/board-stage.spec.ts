import { describe, expect, it, vi } from 'vitest';
import type { PublicBoard } from '#lib/shared/boards.ts';
import {
	boardColumns,
	boardPhase,
	drawRows,
	formatDeadline,
	lotteryPending,
	nextClockCheck,
	overlayColumns,
	seatLine,
	seedFor,
	takenPercent,
	watchDeadline,
	CLOCK_STEP_MS
} from './board-stage.ts';

const NOW = Date.UTC(2026, 4, 12, 10, 0); // 12:00 in Berlin (summer time)
const board = (over: Partial<PublicBoard> = {}): PublicBoard => ({
	id: 'b1',
	eventId: 'e1',
	title: 'Workshops am Nachmittag',
	mode: 'fcfs',
	state: 'open',
	lotteryDeadline: null,
	seedHash: null,
	seed: null,
	drawnAt: null,
	drawSummary: null,
	workshops: [],
	...over
});

describe('B9: what the stage says about a board', () => {
	it('B9: an open first-come board is open, a closed or draft one closed', () => {
		expect(boardPhase(board(), NOW)).toBe('open');
		expect(boardPhase(board({ state: 'closed' }), NOW)).toBe('closed');
		expect(boardPhase(board({ state: 'draft' }), NOW)).toBe('closed');
	});

	it('B6: a lottery takes choices until its deadline, then awaits the draw; after the draw seats are first come', () => {
		const lottery = board({ mode: 'lottery', lotteryDeadline: NOW + 1000 });
		expect(boardPhase(lottery, NOW)).toBe('ranking');
		expect(boardPhase(lottery, NOW + 1000)).toBe('awaiting');
		expect(boardPhase(board({ mode: 'lottery', lotteryDeadline: null }), NOW)).toBe('awaiting');
		expect(boardPhase({ ...lottery, drawnAt: NOW }, NOW + 5000)).toBe('open');
		expect(boardPhase({ ...lottery, state: 'closed' }, NOW)).toBe('closed');
		expect(lotteryPending(lottery)).toBe(true);
		expect(lotteryPending({ ...lottery, drawnAt: NOW })).toBe(false);
		expect(lotteryPending(board())).toBe(false);
	});

	it('B2: seats left, or full with the waitlist; before a draw the capacity', () => {
		expect(seatLine({ capacity: 20, seatsLeft: 3, waitlisted: 0 }, false)).toEqual({ kind: 'left', count: 3 });
		expect(seatLine({ capacity: 20, seatsLeft: 0, waitlisted: 4 }, false)).toEqual({ kind: 'full', waitlisted: 4 });
		expect(seatLine({ capacity: 0, seatsLeft: 0, waitlisted: 0 }, false)).toEqual({ kind: 'full', waitlisted: 0 });
		expect(seatLine({ capacity: 20, seatsLeft: 20, waitlisted: 0 }, true)).toEqual({ kind: 'capacity', count: 20 });
	});

	it('B5: the bar never runs past full when a capacity was lowered', () => {
		expect(takenPercent({ capacity: 20, confirmed: 17 })).toBe(85);
		expect(takenPercent({ capacity: 10, confirmed: 12 })).toBe(100);
		expect(takenPercent({ capacity: 0, confirmed: 0 })).toBe(100);
		expect(takenPercent({ capacity: 3, confirmed: 0 })).toBe(0);
	});

	it('B9: few workshops get full rows, many share the screen', () => {
		expect(boardColumns(1)).toBe(1);
		expect(boardColumns(6)).toBe(1);
		expect(boardColumns(7)).toBe(2);
		expect(boardColumns(15)).toBe(3);
		expect(overlayColumns(4)).toBe(1);
		expect(overlayColumns(5)).toBe(2);
		expect(overlayColumns(11)).toBe(3);
	});

	it('B6: the clock is looked at again when the deadline passes, at least every minute before', () => {
		expect(nextClockCheck(null, NOW)).toBeNull();
		expect(nextClockCheck(NOW, NOW)).toBeNull();
		expect(nextClockCheck(NOW + 1000, NOW)).toBe(1250);
		expect(nextClockCheck(NOW + 3_600_000, NOW)).toBe(CLOCK_STEP_MS);
	});

	it('B6: the stage learns the time each minute and just after the deadline, then stops', () => {
		vi.useFakeTimers({ now: NOW });
		try {
			const ticks: number[] = [];
			const stop = watchDeadline(NOW + 90_000, (t) => ticks.push(t));
			vi.advanceTimersByTime(60_000);
			expect(ticks).toEqual([NOW + 60_000]);
			vi.advanceTimersByTime(40_000);
			expect(ticks).toEqual([NOW + 60_000, NOW + 90_250]);
			vi.advanceTimersByTime(600_000);
			expect(ticks).toHaveLength(2);
			stop();
			const none: number[] = [];
			watchDeadline(null, (t) => none.push(t))();
			const stopped = watchDeadline(NOW + 5_000_000, (t) => none.push(t));
			stopped();
			vi.advanceTimersByTime(600_000);
			expect(none).toEqual([]);
		} finally {
			vi.useRealTimers();
		}
	});

	it('B6: the deadline in the event’s time zone, with the day when it is not today', () => {
		expect(formatDeadline(NOW + 2.5 * 3_600_000, NOW, 'de', 'Europe/Berlin')).toBe('14:30');
		expect(formatDeadline(NOW + 2.5 * 3_600_000, NOW, 'en', 'Europe/London')).toBe('13:30');
		const tomorrow = formatDeadline(NOW + 24 * 3_600_000, NOW, 'de', 'Europe/Berlin');
		expect(tomorrow).toContain('13. Mai');
		expect(tomorrow).toContain('12:00');
	});

	it('B7: the draw summary as rows with shares of the entrants', () => {
		expect(drawRows({ byRank: [80, 25, 10], none: 5, entrants: 120 })).toEqual([
			{ key: 'first', count: 80, percent: 67 },
			{ key: 'second', count: 25, percent: 21 },
			{ key: 'third', count: 10, percent: 8 },
			{ key: 'none', count: 5, percent: 4 }
		]);
		expect(drawRows({ byRank: [0, 0, 0], none: 0, entrants: 0 }).map((r) => r.percent)).toEqual([0, 0, 0, 0]);
	});

	it('B9: the server-rendered board seeds only the board it is', () => {
		const b = board();
		expect(seedFor(b, 'b1')).toEqual({ board: b, mine: null });
		expect(seedFor(b, 'b2')).toBeNull();
		expect(seedFor(null, 'b1')).toBeNull();
	});
});
