import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle.ts';

describe('throttle (a lead list reloads a few times during a rush, B9)', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs the first call at once and a burst inside the window once at its end', () => {
		const run = vi.fn();
		const t = throttle(run, 3000);
		t.call();
		expect(run).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(500);
		t.call();
		t.call();
		vi.advanceTimersByTime(500);
		t.call();
		expect(run).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(2000);
		expect(run).toHaveBeenCalledTimes(2);
		vi.advanceTimersByTime(10_000);
		expect(run).toHaveBeenCalledTimes(2);
	});

	it('a call after a quiet window runs at once; cancel drops a pending run', () => {
		const run = vi.fn();
		const t = throttle(run, 3000);
		t.call();
		vi.advanceTimersByTime(5000);
		t.call();
		expect(run).toHaveBeenCalledTimes(2);
		t.call();
		t.cancel();
		vi.advanceTimersByTime(10_000);
		expect(run).toHaveBeenCalledTimes(2);
	});
});
