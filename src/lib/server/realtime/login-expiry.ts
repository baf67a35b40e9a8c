import type { Deps } from '../deps.ts';
import type { PlenumServer } from './context.ts';
import { rooms } from './rooms.ts';

/** How often a process checks the logins behind its staff sockets: an expired one closes within this. */
export const LOGIN_SWEEP_MS = 500;
const PREFIX = rooms.authSession('');

/**
 * Closes the staff sockets of logins that have expired or vanished (S11). Logout tells the
 * sockets at once (publisher `authSessionEnded`); expiry happens without anyone acting, and a
 * login may also be deleted by another process or by hand. Twice a second the process reads
 * which of its own sockets' logins still live: one query over a handful of ids, and none when
 * no staff socket is connected. Renewal (sliding expiry on page loads) moves `expires_at`
 * forward, so a staff member who keeps working is never cut off.
 */
export function loginExpirySweep(io: PlenumServer, deps: Pick<Deps, 'db' | 'clock'>): () => Promise<string[]> {
	return async () => {
		const ids = [...io.of('/').adapter.rooms.keys()].filter((r) => r.startsWith(PREFIX)).map((r) => r.slice(PREFIX.length));
		if (ids.length === 0) return [];
		const alive = await deps.db.selectFrom('auth_sessions').select('id').where('id', 'in', ids).where('expires_at', '>', deps.clock.now()).execute();
		const live = new Set(alive.map((r) => r.id));
		const ended = ids.filter((id) => !live.has(id));
		for (const id of ended) {
			io.local.to(rooms.authSession(id)).emit('session:revoked');
			io.local.in(rooms.authSession(id)).disconnectSockets(true);
		}
		return ended;
	};
}
