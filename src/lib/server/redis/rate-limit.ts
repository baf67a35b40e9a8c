import { createHash } from 'node:crypto';
import { memoryRateLimiter, type RateLimiter } from '../auth/rate-limit.ts';
import type { RedisLink } from './link.ts';

/**
 * A fixed-window limit shared by every process through Redis: the window starts with the first
 * hit (SET NX with an expiry), every hit counts (INCR), and a refused hit learns how long the
 * window still runs (PTTL). Keys are hashed: an email address or IP never reaches Redis.
 *
 * While Redis is away the limit falls back to this process's memory: a participant is still
 * limited, per process, and no vote or question waits for Redis (architecture rule 7).
 */
export function redisRateLimiter(link: RedisLink, name: string, limit: number, windowMs: number): RateLimiter {
	const fallback = memoryRateLimiter(limit, windowMs);
	const keyOf = (key: string) => `${link.prefix}rl:${name}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
	return {
		async hit(key, now) {
			if (!link.isUp()) return fallback.hit(key, now);
			const k = keyOf(key);
			try {
				const [, count, ttl] = await link.client.multi().set(k, '0', { PX: windowMs, NX: true }).incr(k).pTTL(k).exec();
				return Number(count) > limit ? Math.max(1, Number(ttl)) : 0;
			} catch {
				return fallback.hit(key, now);
			}
		},
		async reset(key) {
			fallback.reset(key);
			if (!link.isUp()) return;
			await link.client.del(keyOf(key)).catch(() => {});
		}
	};
}
