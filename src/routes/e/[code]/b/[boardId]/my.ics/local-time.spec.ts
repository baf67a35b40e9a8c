import { describe, expect, it } from 'vitest';
import { localToEpoch, localToUtcStamp, utcStamp } from './local-time.ts';

describe('agenda wall-clock times to UTC for calendar files', () => {
	it('Europe/Berlin in summer is two hours ahead of UTC (CEST)', () => {
		expect(localToUtcStamp('2026-07-15T14:00', 'Europe/Berlin')).toBe('20260715T120000Z');
	});

	it('Europe/Berlin in winter is one hour ahead of UTC (CET)', () => {
		expect(localToUtcStamp('2026-01-20T09:30', 'Europe/Berlin')).toBe('20260120T083000Z');
	});

	it('the days the clocks change are read with the offset of their side', () => {
		// Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST.
		expect(localToUtcStamp('2026-03-29T01:30', 'Europe/Berlin')).toBe('20260329T003000Z');
		expect(localToUtcStamp('2026-03-29T03:30', 'Europe/Berlin')).toBe('20260329T013000Z');
		// Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET.
		expect(localToUtcStamp('2026-10-25T01:30', 'Europe/Berlin')).toBe('20261024T233000Z');
		expect(localToUtcStamp('2026-10-25T03:30', 'Europe/Berlin')).toBe('20261025T023000Z');
	});

	it('a time across midnight changes the UTC date', () => {
		expect(localToUtcStamp('2026-07-16T00:30', 'Europe/Berlin')).toBe('20260715T223000Z');
	});

	it('zones behind UTC and UTC itself', () => {
		expect(localToUtcStamp('2026-07-15T09:00', 'America/New_York')).toBe('20260715T130000Z');
		expect(localToUtcStamp('2026-12-01T09:00', 'America/New_York')).toBe('20261201T140000Z');
		expect(localToUtcStamp('2026-12-01T09:00', 'UTC')).toBe('20261201T090000Z');
	});

	it('refuses what is not a local agenda time', () => {
		expect(() => localToEpoch('2026-07-15 14:00', 'Europe/Berlin')).toThrow(RangeError);
	});

	it('formats an instant as YYYYMMDDTHHMMSSZ', () => {
		expect(utcStamp(Date.UTC(2026, 4, 12, 7, 5, 9, 450))).toBe('20260512T070509Z');
	});
});
