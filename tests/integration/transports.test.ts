/**
 * SOCKET_TRANSPORTS=websocket, for balancers without sticky sessions (issue 6, deploy/nginx.conf):
 * the server refuses long-polling, and the browser client (long-polling first, `tryAllTransports`)
 * still connects, over WebSocket. With the default both work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol.ts';
import { testConfig } from '../support/config.ts';

let srv: Running | null = null;
const open: Socket[] = [];

afterEach(async () => {
	for (const s of open.splice(0)) s.close();
	await srv?.shutdown();
	srv = null;
});

/** A server with one event and a participant's cookie for it. */
async function serverWith(env: Record<string, string>) {
	const config = testConfig(env);
	srv = await startServer(config);
	const d = srv.app.deps;
	const owner = await auth.createOwner({ email: 'o@x.de', name: 'O', password: 'correct horse battery' }, d);
	const ev = await events.createEvent(
		{ title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2026-06-01' },
		{ userId: owner.id, isAdmin: true },
		d
	);
	const { token } = await joinEvent({ eventId: ev.id, via: 'room' }, d);
	return { url: srv.url, origin: config.publicOrigin, eventId: ev.id, cookie: `${participantCookieName(ev.id)}=${token}` };
}

/** Connects like the browser client does (socket.ts): long-polling first, every transport tried. */
function browserLike(s: Awaited<ReturnType<typeof serverWith>>, transports: ('polling' | 'websocket')[]): Promise<string> {
	const socket = connect(s.url, {
		auth: { v: PROTOCOL_VERSION, role: 'audience', eventId: s.eventId },
		extraHeaders: { origin: s.origin, cookie: s.cookie },
		transports,
		tryAllTransports: true,
		reconnection: false,
		forceNew: true
	});
	open.push(socket);
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket.io.engine.transport.name));
		socket.once('connect_error', (e) => reject(e));
	});
}

describe('socket transports', () => {
	it('default: long-polling is served (the fallback for networks that break WebSocket), and the client connects', async () => {
		const s = await serverWith({});
		const res = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: s.origin } });
		expect(res.status).toBe(200);
		expect(await browserLike(s, ['polling'])).toBe('polling');
		expect(['polling', 'websocket']).toContain(await browserLike(s, ['polling', 'websocket']));
	});

	it('SOCKET_TRANSPORTS=websocket: long-polling is refused, and the browser client connects over WebSocket', async () => {
		const s = await serverWith({ SOCKET_TRANSPORTS: 'websocket' });
		const res = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: s.origin } });
		expect(res.status).toBe(400);
		expect(await browserLike(s, ['polling', 'websocket'])).toBe('websocket');
		await expect(browserLike(s, ['polling'])).rejects.toThrow();
	});
});
