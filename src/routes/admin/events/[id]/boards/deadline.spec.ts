import { describe, expect, it } from 'vitest';
import { epochToLocal, localToEpoch } from './deadline.ts';

describe('lottery deadline: wall-clock time of the event zone ↔ epoch ms', () => {
	it('reads winter and summer time in Berlin', () => {
		expect(localToEpoch('2026-01-15T18:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 15, 17, 0));
		expect(localToEpoch('2026-07-01T09:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 7, 30));
	});

	it('reads zones behind UTC and UTC itself', () => {
		expect(localToEpoch('2026-07-01T09:30', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 13, 30));
		expect(localToEpoch('2026-07-01T09:30', 'UTC')).toBe(Date.UTC(2026, 6, 1, 9, 30));
	});

	it('accepts seconds as some browsers send them', () => {
		expect(localToEpoch('2026-01-15T18:00:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 15, 17, 0, 30));
	});

	it('refuses what is no date and time', () => {
		for (const bad of ['', 'tomorrow', '2026-01-15', '2026-13-01T10:00', '2026-02-30T10:00', '2026-01-15T24:00', '2026-01-15 10:00'])
			expect(localToEpoch(bad, 'Europe/Berlin'), bad).toBeNull();
	});

	it('never fails on the night the clocks change', () => {
		// 02:30 does not exist in Berlin on 29 March 2026; 02:30 on 25 October 2026 exists twice.
		const skipped = localToEpoch('2026-03-29T02:30', 'Europe/Berlin');
		expect(skipped).not.toBeNull();
		expect(Math.abs(skipped! - Date.UTC(2026, 2, 29, 1, 0))).toBeLessThanOrEqual(60 * 60 * 1000);
		expect(localToEpoch('2026-10-25T02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 1, 30));
		expect(localToEpoch('2026-03-29T01:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 0, 30));
		expect(localToEpoch('2026-03-29T03:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
	});

	it('formats a moment for the datetime-local field', () => {
		expect(epochToLocal(Date.UTC(2026, 0, 15, 17, 0), 'Europe/Berlin')).toBe('2026-01-15T18:00');
		expect(epochToLocal(Date.UTC(2026, 6, 1, 22, 5), 'Europe/Berlin')).toBe('2026-07-02T00:05');
		expect(epochToLocal(Date.UTC(2026, 6, 1, 13, 30), 'America/New_York')).toBe('2026-07-01T09:30');
	});

	it('round-trips every hour of a year with clock changes', () => {
		const start = Date.UTC(2026, 0, 1);
		for (let t = start; t < start + 366 * 24 * 3600 * 1000; t += 60 * 60 * 1000) {
			const local = epochToLocal(t, 'Europe/Berlin');
			const back = localToEpoch(local, 'Europe/Berlin')!;
			// The repeated autumn hour maps to its second occurrence; all else comes back exactly.
			expect(epochToLocal(back, 'Europe/Berlin')).toBe(local);
		}
	});
});
