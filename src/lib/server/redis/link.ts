import { createClient } from 'redis';
import type { Logger } from '../log.ts';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * The scaled-out mode's connection to Redis (architecture: fan-out, rate limits and short-lived
 * shared state). One client sends commands; readers that block (stream reads) are duplicates.
 *
 * - Every client has an `error` listener: node-redis without one turns a Redis restart into a
 *   process crash (toolchain.md).
 * - The command client has no offline queue: while Redis is away a command fails at once instead
 *   of waiting, so a rate limit falls back to memory and a broadcast still reaches this process's
 *   own sockets (the Socket.IO adapter publishes first, then delivers locally).
 * - Blocking readers keep the offline queue: their loop waits for Redis instead of spinning.
 * - `onReturn` runs when Redis is back after an outage, so each process can refresh its own
 *   clients from the database (what crossed processes meanwhile was lost).
 */
export interface RedisLink {
	client: RedisClient;
	/** Keys and streams start with this (REDIS_PREFIX, default `plenum:`). */
	prefix: string;
	isUp(): boolean;
	/** Another connection, closed with the link; `offlineQueue` makes it wait for Redis instead of failing. */
	extra(offlineQueue: boolean): RedisClient;
	onReturn(fn: () => void): void;
	close(): Promise<void>;
}

/** Reconnect at once, then back off to at most 1 s: Redis on the same network is back quickly. */
export function reconnectDelay(retries: number): number {
	return Math.min(50 * 2 ** retries, 1000);
}

export function openRedis(url: string, prefix: string, log: Logger): RedisLink {
	const socket = { connectTimeout: 2000, reconnectStrategy: reconnectDelay };
	const client: RedisClient = createClient({ url, socket, disableOfflineQueue: true });
	const readers: RedisClient[] = [];
	const returns: (() => void)[] = [];
	let up = false;
	let wasDown = false;
	let lastError = 0;
	const quietError = (which: string) => (e: Error) => {
		// A down Redis fails every reconnect attempt; one log line per 5 s is enough.
		const now = Date.now();
		if (now - lastError < 5000) return;
		lastError = now;
		log.warn('redis unavailable', { client: which, error: e.message });
	};
	client.on('error', quietError('commands'));
	client.on('ready', () => {
		up = true;
		if (!wasDown) return;
		wasDown = false;
		log.info('redis is back');
		for (const fn of returns) fn();
	});
	client.on('end', () => (up = false));
	client.on('reconnecting', () => {
		if (up) log.warn('redis connection lost, reconnecting');
		up = false;
		wasDown = true;
	});
	// Connecting in the background: a process starts and serves its own clients while Redis is down.
	client.connect().catch(quietError('commands'));
	return {
		client,
		prefix,
		isUp: () => up && client.isReady,
		extra(offlineQueue) {
			const r = client.duplicate({ disableOfflineQueue: !offlineQueue });
			r.on('error', quietError('extra'));
			readers.push(r);
			r.connect().catch(quietError('extra'));
			return r;
		},
		onReturn: (fn) => void returns.push(fn),
		async close() {
			// Graceful first, so the adapter's last writes (sessions of closed sockets) arrive; a
			// blocked reader or a Redis that is away must not hold the exit up for long.
			await Promise.race([Promise.allSettled([client, ...readers].filter((c) => c.isReady).map((c) => c.close())), new Promise((r) => setTimeout(r, 500))]);
			for (const c of [client, ...readers]) if (c.isOpen) c.destroy();
		}
	};
}
