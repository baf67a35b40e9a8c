/**
 * A fixed-window counter: login attempts (per account and per IP) and Q&A actions per
 * participant. One process keeps it in memory; the scaled-out mode shares it through Redis
 * (redis/rate-limit.ts) behind the same interface, so callers always await.
 */
export interface RateLimiter {
	/** Counts one hit; gives 0 when allowed, else the milliseconds until the window resets. */
	hit(key: string, now: number): number | Promise<number>;
	reset(key: string): void | Promise<void>;
}

export interface MemoryRateLimiter extends RateLimiter {
	hit(key: string, now: number): number;
	reset(key: string): void;
}

export function memoryRateLimiter(limit: number, windowMs: number): MemoryRateLimiter {
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
