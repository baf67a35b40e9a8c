import type { PlenumServer } from './context.ts';
import type { Cluster } from './cluster.ts';
import type { Presence } from './presence.ts';
import { rooms } from './rooms.ts';

/** Presence counts reach screens at most once a second: fast enough to watch a room fill up. */
export const PRESENCE_TICK_MS = 1000;
/** Scaled out, a process repeats all its counts this often, so that a peer's copy never expires while it lives. */
export const PRESENCE_REFRESH_TICKS = 5;

/**
 * The presence tick (PR1, SC3): sessions whose counts changed go to this process's screens.
 * Scaled out, the process first tells the others its own changed counts (all of them every
 * PRESENCE_REFRESH_TICKS), drops counts of processes gone silent, and its screens get the sum.
 */
export function presenceTicker(io: PlenumServer, presence: Presence, cluster: Cluster | null): { tick(): void; resendAll(): void } {
	let ticks = 0;
	return {
		tick() {
			const own = presence.takeDirty();
			if (cluster) {
				const all = ++ticks % PRESENCE_REFRESH_TICKS === 0;
				cluster.sendPresence((all ? [...new Set([...own, ...presence.localSessions()])] : own).map((sid) => presence.localCounts(sid)));
				presence.expire(Date.now());
			}
			for (const sid of new Set([...own, ...presence.takeRemoteDirty()])) io.local.to(rooms.screens(sid)).emit('presence:counts', presence.counts(sid));
		},
		/** The next tick sends all counts (after Redis was away, the others missed some). */
		resendAll() {
			ticks = PRESENCE_REFRESH_TICKS - 1;
		}
	};
}
