import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClient, RedisLink } from './link.ts';

/** Packets the adapter's stream keeps for recovery: minutes of ticks at a busy event. */
export const STREAM_MAX_LEN = 10_000;

/**
 * The Socket.IO Redis Streams adapter (toolchain.md: the only Redis adapter with connection
 * state recovery, also when a phone reconnects to another process). It gets its own connection,
 * without an offline queue, so a broadcast still reaches this process's sockets while Redis is
 * away; its blocking stream readers (duplicates) keep the offline queue and wait instead of
 * spinning. The adapter fires SET (a disconnected socket's session) and PUBLISH without
 * awaiting them; their failures during an outage are marked handled here so that they cannot
 * become unhandled rejections, which would end the process.
 */
export function redisStreamsAdapter(link: RedisLink): ReturnType<typeof createAdapter> {
	const client = link.extra(false);
	const patchable = client as unknown as Record<'set' | 'publish', (...args: unknown[]) => Promise<unknown>> & { duplicate: RedisClient['duplicate'] };
	for (const name of ['set', 'publish'] as const) {
		const original = patchable[name].bind(client);
		patchable[name] = (...args) => {
			const p = original(...args);
			p.catch(() => {});
			return p;
		};
	}
	const duplicate = client.duplicate.bind(client);
	patchable.duplicate = ((overrides?: Parameters<RedisClient['duplicate']>[0]) =>
		duplicate({ ...overrides, disableOfflineQueue: false })) as RedisClient['duplicate'];
	return createAdapter(client, {
		streamName: `${link.prefix}sio`,
		sessionKeyPrefix: `${link.prefix}sio:session:`,
		channelPrefix: `${link.prefix}sio`,
		maxLen: STREAM_MAX_LEN
	});
}
