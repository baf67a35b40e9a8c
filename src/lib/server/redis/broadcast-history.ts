import type { Logger } from '../log.ts';
import type { RedisLink } from './link.ts';
import { RECOVERY_WINDOW_MS } from '../realtime/recovery-window.ts';

/** How often the broadcast history is cut back to the recovery window. */
export const HISTORY_TRIM_MS = 30_000;

/**
 * Scaled out, every broadcast passes through the Socket.IO adapter's Redis stream (`<prefix>sio`),
 * and some carry personal data: a question on the stage with its asker's name, a phone's own
 * questions. The stream exists so that a phone reconnecting within RECOVERY_WINDOW_MS gets what
 * it missed; nothing older is of use to anyone (G4).
 *
 * `forgetBroadcasts(link, 0)` drops the whole history at once: when an event is deleted, its texts
 * must not stay in Redis until traffic pushes them out. Phones of other events that reconnect in
 * the next two minutes then load a fresh snapshot instead of replaying, as after any gap.
 */
export async function forgetBroadcasts(link: RedisLink, keepMs: number): Promise<number> {
	if (!link.isUp()) return 0;
	return link.client.xTrim(`${link.prefix}sio`, 'MINID', Date.now() - keepMs);
}

/**
 * The bus between processes (`<prefix>bus`) carries ids (sessions, polls, the participants whose
 * own questions changed), never texts. A reader is at most a blocked read (2 s) behind, so
 * entries older than BUS_KEEP_MS are of no use; on a deletion, entries older than BUS_GRACE_MS
 * go at once and the rest once they are that old.
 */
export const BUS_KEEP_MS = 60_000;
export const BUS_GRACE_MS = 5_000;

export async function trimBus(link: RedisLink, keepMs: number): Promise<number> {
	if (!link.isUp()) return 0;
	return link.client.xTrim(`${link.prefix}bus`, 'MINID', Date.now() - keepMs);
}

/**
 * What an event leaves in Redis once it is deleted (G4): the broadcast history (dropped whole,
 * see above), the bus's ids (within BUS_GRACE_MS and a second), and the kept state of its
 * disconnected sockets (`<prefix>sio:session:*`, which name the event and the participant).
 * Rate-limit counters hold only hashes of participant ids and expire within a minute.
 */
export async function forgetEvent(link: RedisLink, eventId: string): Promise<void> {
	if (!link.isUp()) return;
	await forgetBroadcasts(link, 0);
	await trimBus(link, BUS_GRACE_MS);
	setTimeout(() => void trimBus(link, BUS_GRACE_MS).catch(() => {}), BUS_GRACE_MS + 1000).unref();
	const needle = Buffer.from(eventId);
	for await (const keys of link.client.scanIterator({ MATCH: `${link.prefix}sio:session:*`, COUNT: 500 })) {
		for (const key of keys) {
			// The adapter keeps each session as base64 of MessagePack, where strings stay plain bytes.
			const value = await link.client.get(key);
			if (value && Buffer.from(value, 'base64').includes(needle)) await link.client.del(key);
		}
	}
}

/** Trims the history to the recovery window and the bus to BUS_KEEP_MS every HISTORY_TRIM_MS; returns the stop function. */
export function startHistoryTrim(link: RedisLink, log: Logger): () => void {
	const timer = setInterval(() => {
		Promise.all([forgetBroadcasts(link, RECOVERY_WINDOW_MS), trimBus(link, BUS_KEEP_MS)]).catch((e: unknown) =>
			log.warn('trimming the broadcast history failed', { error: e instanceof Error ? e.message : String(e) })
		);
	}, HISTORY_TRIM_MS);
	timer.unref();
	return () => clearInterval(timer);
}
