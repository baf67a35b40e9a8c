import { handshakeAuth, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { ErrorCode } from '../../shared/result.ts';
import type { Deps } from '../deps.ts';
import { validateSessionToken } from '../auth/service.ts';
import { participantByToken, participantCookieName } from '../participants/service.ts';
import { verifyStageToken } from '../stage/service.ts';
import { readCookie } from './cookies.ts';
import { rooms } from './rooms.ts';
import type { PlenumSocket, SocketIdentity } from './context.ts';

export const STAFF_COOKIE = 'plenum_session';

function refuse(code: ErrorCode, message: string): Error {
	const err = new Error(message) as Error & { data: { code: ErrorCode } };
	err.data = { code };
	return err;
}

/**
 * Authenticates once, at the handshake (RT2): staff by their login cookie (the same check as
 * SvelteKit's `handle`), audience by their participant cookie for the named event, a stage
 * screen by its stage token. Anything else is refused before a single event is handled.
 */
export async function authenticate(socket: PlenumSocket, deps: Deps): Promise<Error | null> {
	const parsed = handshakeAuth.safeParse(socket.handshake.auth);
	if (!parsed.success) return refuse('invalid_payload', 'bad handshake');
	const auth = parsed.data;
	if (auth.v !== PROTOCOL_VERSION) return refuse('protocol_mismatch', `server speaks protocol ${PROTOCOL_VERSION}; reload the page`);
	const cookie = socket.handshake.headers.cookie;
	let who: SocketIdentity | null = null;
	if (auth.role === 'staff') {
		const token = readCookie(cookie, STAFF_COOKIE);
		const res = token ? await validateSessionToken(token, deps) : null;
		if (res) {
			who = { kind: 'staff', userId: res.user.id, authSessionId: res.session.id, isAdmin: res.user.isAdmin };
			await socket.join(rooms.authSession(res.session.id));
		}
	} else if (auth.role === 'audience' && auth.eventId) {
		const token = readCookie(cookie, participantCookieName(auth.eventId));
		const p = token ? await participantByToken(token, auth.eventId, deps) : null;
		if (p) {
			who = { kind: 'audience', participantId: p.id, eventId: p.eventId, channel: p.channel };
			await socket.join(rooms.participant(p.id));
		}
	} else if (auth.role === 'stage' && auth.sessionId && auth.stageToken) {
		const ok = await verifyStageToken(auth.sessionId, auth.stageToken, deps);
		if (ok) {
			who = { kind: 'stage', sessionId: auth.sessionId, eventId: ok.eventId };
			await socket.join(rooms.stage(auth.sessionId));
		}
	}
	if (!who) return refuse('unauthenticated', 'not signed in, not joined, or an invalid stage link');
	socket.data.who = who;
	socket.data.watching = new Set();
	return null;
}
