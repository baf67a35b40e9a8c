import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from './rate-limit.ts';

describe('fixed-window rate limiter', () => {
	it('AU3: allows the limit, refuses beyond it with the time to wait, and resets after the window', () => {
		const l = memoryRateLimiter(3, 1000);
		expect([l.hit('k', 0), l.hit('k', 10), l.hit('k', 20)]).toEqual([0, 0, 0]);
		expect(l.hit('k', 400)).toBe(600);
		expect(l.hit('other', 400)).toBe(0);
		expect(l.hit('k', 1000)).toBe(0);
	});

	it('AU3: reset clears a key', () => {
		const l = memoryRateLimiter(1, 1000);
		l.hit('k', 0);
		expect(l.hit('k', 1)).toBeGreaterThan(0);
		l.reset('k');
		expect(l.hit('k', 2)).toBe(0);
	});
});
