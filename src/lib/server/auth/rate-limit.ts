/**
 * A fixed-window counter in memory. Used for login attempts (per account and per IP). The
 * scaled-out mode (issue: scale out) swaps in a Redis-backed limiter behind the same interface.
 */
export interface RateLimiter {
	/** Counts one hit; returns 0 when allowed, else the milliseconds until the window resets. */
	hit(key: string, now: number): number;
	reset(key: string): void;
}

export function memoryRateLimiter(limit: number, windowMs: number): RateLimiter {
	const windows = new Map<string, { start: number; count: number }>();
	return {
		hit(key, now) {
			// Drop stale windows now and then so the map cannot grow without bound.
			if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
			const w = windows.get(key);
			if (!w || now - w.start >= windowMs) {
				windows.set(key, { start: now, count: 1 });
				return 0;
			}
			w.count++;
			return w.count > limit ? w.start + windowMs - now : 0;
		},
		reset(key) {
			windows.delete(key);
		}
	};
}
