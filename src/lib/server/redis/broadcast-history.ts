import type { Logger } from '../log.ts';
import type { RedisLink } from './link.ts';
import { RECOVERY_WINDOW_MS } from '../realtime/recovery-window.ts';

/** How often the broadcast history is cut back to the recovery window. */
export const HISTORY_TRIM_MS = 30_000;

/**
 * Scaled out, every broadcast to all processes passes through the Socket.IO adapter's Redis
 * stream (`<prefix>sio`): stage changes, report-back notices, session closes. Today they carry
 * ids (which question the stage shows, which session changed), not texts: lists and tallies go
 * from each process to its own sockets. Ids of participants and questions are still personal
 * data, and the stream exists only so that a phone reconnecting within RECOVERY_WINDOW_MS gets
 * what it missed; nothing older is of use to anyone (G4).
 */
export async function forgetBroadcasts(link: RedisLink, keepMs: number): Promise<number> {
	if (!link.isUp()) return 0;
	return link.client.xTrim(`${link.prefix}sio`, 'MINID', Date.now() - keepMs);
}

/**
 * The bus between processes (`<prefix>bus`) carries ids (sessions, polls, the participants whose
 * own questions changed), never texts. Entries older than BUS_KEEP_MS are of no use.
 */
export const BUS_KEEP_MS = 60_000;
/**
 * Readers of both streams are at most a blocked read (2 s) behind. On a deletion, everything
 * older than this goes at once and the rest once it is this old: dropping the newest entries
 * would take broadcasts from other events that a process has not read yet.
 */
export const READER_GRACE_MS = 5_000;

export async function trimBus(link: RedisLink, keepMs: number): Promise<number> {
	if (!link.isUp()) return 0;
	return link.client.xTrim(`${link.prefix}bus`, 'MINID', Date.now() - keepMs);
}

/**
 * What an event leaves in Redis once it is deleted (G4): the broadcast history and the bus's
 * entries (all but the last READER_GRACE_MS at once, those a second after they are that old),
 * and the kept state of its disconnected sockets (`<prefix>sio:session:*`, which name the event
 * and the participant). Rate-limit counters hold only hashes of participant ids and expire
 * within a minute. Phones of other events that reconnect soon after load a fresh snapshot
 * instead of replaying, as after any longer gap.
 */
export async function forgetEvent(link: RedisLink, eventId: string): Promise<void> {
	if (!link.isUp()) return;
	const trim = () => Promise.all([forgetBroadcasts(link, READER_GRACE_MS), trimBus(link, READER_GRACE_MS)]);
	await trim();
	setTimeout(() => void trim().catch(() => {}), READER_GRACE_MS + 1000).unref();
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
