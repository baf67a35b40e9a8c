/**
 * Realtime integration: the real server (without the SvelteKit bundle) on an ephemeral port,
 * real socket.io-client connections, real SQLite. Test names quote docs/SPEC.md rule ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { client, connected, emitRaw, next, waitFor, type TestSocket } from '../support/realtime.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import * as invites from '../../src/lib/server/invites/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { getStage, rotateStageToken, stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import type { PresenceCounts, StageSnapshot, WatchSnapshot } from '../../src/lib/shared/protocol.ts';

const PASSWORD = 'correct horse battery';
let srv: Running;
let origin: string;
let url: string;
let ownerCookie: string;
let ownerSessionId: string;
let eventId: string;
let sessionId: string;
let otherSessionId: string;
let otherEventId: string;
let foreignEventSessionId: string;
const open: TestSocket[] = [];

function track(s: TestSocket): TestSocket {
	open.push(s);
	return s;
}
async function audience(ev = eventId, via: 'room' | 'online' = 'room') {
	const { token } = await joinEvent({ eventId: ev, via }, srv.app.deps);
	return { cookie: `${participantCookieName(ev)}=${token}` };
}

beforeAll(async () => {
	const config = testConfig();
	srv = await startServer(config);
	url = srv.url;
	origin = config.publicOrigin;
	// Clients present the configured PUBLIC_ORIGIN (http://localhost:0 here) as a browser would.
	const d = srv.app.deps;
	const owner = await auth.createOwner({ email: 'o@x.de', name: 'O', password: PASSWORD }, d);
	const login = await auth.login({ email: 'o@x.de', password: PASSWORD, ip: '1' }, d);
	ownerCookie = `${STAFF_COOKIE}=${login.token}`;
	ownerSessionId = login.session.id;
	const ev = await events.createEvent(
		{ title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2026-06-01' },
		{ userId: owner.id, isAdmin: true },
		d
	);
	eventId = ev.id;
	const s = { kind: 'workshop' as const, title: 'W', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: 'R', livestreamUrl: null };
	sessionId = (await events.createSession(ev.id, s, owner.id, d)).id;
	otherSessionId = (await events.createSession(ev.id, { ...s, title: 'W2' }, owner.id, d)).id;
	otherEventId = (
		await events.createEvent(
			{ title: 'Other', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2026-06-01' },
			{ userId: owner.id, isAdmin: true },
			d
		)
	).id;
	foreignEventSessionId = (await events.createSession(otherEventId, { ...s, title: 'Foreign' }, owner.id, d)).id;
});

afterAll(async () => {
	for (const s of open) s.close();
	await srv.shutdown();
});

describe('handshakes (RT2)', () => {
	it('RT2: staff authenticate with their login cookie, and only with a valid one', async () => {
		const s = track(client(url, { role: 'staff' }, { cookie: ownerCookie, origin }));
		await connected(s);
		await expect(connected(track(client(url, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=forged`, origin })))).rejects.toMatchObject({
			code: 'unauthenticated'
		});
		await expect(connected(track(client(url, { role: 'staff' }, { origin })))).rejects.toMatchObject({ code: 'unauthenticated' });
	});

	it('RT2: audience authenticate with the participant cookie of the event they name', async () => {
		const a = await audience();
		await connected(track(client(url, { role: 'audience', eventId }, { cookie: a.cookie, origin })));
		// The same cookie value presented for another event is refused (S3).
		const foreign = a.cookie.replace(participantCookieName(eventId), participantCookieName(otherEventId));
		await expect(connected(track(client(url, { role: 'audience', eventId: otherEventId }, { cookie: foreign, origin })))).rejects.toMatchObject({
			code: 'unauthenticated'
		});
	});

	it('RT2: a stage screen authenticates with its stage token, for its session only', async () => {
		const token = await stageTokenFor(sessionId, srv.app.deps);
		await connected(track(client(url, { role: 'stage', sessionId, stageToken: token }, { origin })));
		await expect(connected(track(client(url, { role: 'stage', sessionId: otherSessionId, stageToken: token }, { origin })))).rejects.toMatchObject({
			code: 'unauthenticated'
		});
	});

	it('RT2: an old protocol version is told to reload', async () => {
		await expect(connected(track(client(url, { role: 'staff', v: 0 }, { cookie: ownerCookie, origin })))).rejects.toMatchObject({ code: 'protocol_mismatch' });
	});

	it('RT2: a handshake without a valid auth object is refused', async () => {
		await expect(connected(track(client(url, { role: 'bogus' as 'staff' }, { cookie: ownerCookie, origin })))).rejects.toMatchObject({
			code: 'invalid_payload'
		});
	});
});

describe('origin check (RT1)', () => {
	for (const transport of ['polling', 'websocket'] as const) {
		// origin is only known in beforeAll; the look-alike is built from the default test origin.
		for (const bad of ['https://evil.example', 'http://localhost:0.evil.example', 'http://localhost', 'null']) {
			it(`RT1: a foreign origin (${bad}) is refused on ${transport}, even with a valid staff cookie`, async () => {
				const s = track(client(url, { role: 'staff' }, { cookie: ownerCookie, origin: bad, transport }));
				await expect(connected(s)).rejects.toBeTruthy();
				expect(s.connected).toBe(false);
			});
		}
	}

	it('RT1: the polling handshake answers 403 to a foreign origin before any session exists', async () => {
		const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
		expect(res.status).toBe(403);
		const ok = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
		expect(ok.status).toBe(200);
	});
});

describe('events', () => {
	it('RT3: malformed payloads are answered invalid_payload, change nothing, and the server keeps serving', async () => {
		const s = track(client(url, { role: 'staff' }, { cookie: ownerCookie, origin }));
		await connected(s);
		const before = await getStage(sessionId, srv.app.deps);
		const bad: unknown[] = [
			undefined,
			null,
			42,
			'x',
			[],
			{ sessionId: 5 },
			{ sessionId: 'x'.repeat(1000) },
			{ sessionId, state: { mode: 'poll' } },
			{ sessionId, state: { mode: 'idle' }, expectedVersion: -1 },
			JSON.parse('{"__proto__":{"polluted":true},"sessionId":"a"}')
		];
		for (const payload of bad) {
			const ack = await emitRaw(s, 'stage:set', payload);
			expect(ack).toMatchObject({ ok: false, error: { code: expect.stringMatching(/invalid_payload|not_found/) } });
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(await getStage(sessionId, srv.app.deps)).toEqual(before);
		expect(srv.realtime.ctx.stats.invalidPayloads).toBeGreaterThan(0);
		const ping = await emitRaw<{ t: number }>(s, 'sys:ping', {});
		expect(ping.ok).toBe(true);
	});

	it('RT3: an unknown event or one without an ack changes nothing and does not break the socket', async () => {
		const s = track(client(url, { role: 'staff' }, { cookie: ownerCookie, origin }));
		await connected(s);
		(s as unknown as { emit(e: string, p: unknown): void }).emit('stage:set', { sessionId, state: { mode: 'idle' } });
		(s as unknown as { emit(e: string, p: unknown): void }).emit('no:such:event', { x: 1 });
		// With an ack, an unknown event is told so (one listener serves every event: it must not fall through).
		expect(await emitRaw(s, 'no:such:event', { x: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
		expect(await emitRaw(s, 'toString', {})).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
		const ping = await emitRaw(s, 'sys:ping', {});
		expect(ping.ok).toBe(true);
		expect((await getStage(sessionId, srv.app.deps)).version).toBe(0);
	});

	it('AC3: an audience socket cannot perform a staff action', async () => {
		const a = await audience();
		const s = track(client(url, { role: 'audience', eventId }, { cookie: a.cookie, origin }));
		await connected(s);
		const ack = await emitRaw(s, 'stage:set', { sessionId, state: { mode: 'idle' } });
		expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect((await getStage(sessionId, srv.app.deps)).version).toBe(0);
	});

	it('AC3: a stage screen is read only', async () => {
		const s = track(client(url, { role: 'stage', sessionId, stageToken: await stageTokenFor(sessionId, srv.app.deps) }, { origin }));
		await connected(s);
		expect(await emitRaw(s, 'stage:set', { sessionId, state: { mode: 'idle' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
	});

	it('S3: audience cannot watch a session of another event', async () => {
		const foreignSession = foreignEventSessionId;
		const a = await audience();
		const s = track(client(url, { role: 'audience', eventId }, { cookie: a.cookie, origin }));
		await connected(s);
		expect(await emitRaw(s, 'session:watch', { sessionId: foreignSession })).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});

	it('AC3: a workshop lead moderates their own session only', async () => {
		const d = srv.app.deps;
		const ownerId = (await d.db.selectFrom('users').select('id').where('email', '=', 'o@x.de').executeTakeFirstOrThrow()).id;
		const { token } = await invites.createInvite({ eventId, role: 'workshop_lead', sessionIds: [sessionId] }, ownerId, d);
		const acc = await invites.acceptInvite(token, { email: 'lead@x.de', name: 'Lea', password: PASSWORD }, d);
		const s = track(client(url, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=${acc.sessionToken}`, origin }));
		await connected(s);
		expect(await emitRaw(s, 'session:watch', { sessionId })).toMatchObject({ ok: true });
		expect(await emitRaw(s, 'session:watch', { sessionId: otherSessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await emitRaw(s, 'stage:set', { sessionId: otherSessionId, state: { mode: 'idle' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
	});
});

describe('stage and presence', () => {
	it('ST1/PR1: the stage gets the current snapshot on watch, live presence counts, and every new stage version', async () => {
		const stage = track(client(url, { role: 'stage', sessionId, stageToken: await stageTokenFor(sessionId, srv.app.deps) }, { origin }));
		await connected(stage);
		const watch = await emitRaw<WatchSnapshot>(stage, 'session:watch', { sessionId });
		expect(watch.ok && watch.data.stage.sessionId).toBe(sessionId);
		const counts: PresenceCounts[] = [];
		stage.on('presence:counts', (c) => counts.push(c));

		const a = await audience(eventId, 'room');
		const phone = track(client(url, { role: 'audience', eventId }, { cookie: a.cookie, origin }));
		await connected(phone);
		expect(await emitRaw(phone, 'session:watch', { sessionId })).toMatchObject({ ok: true });
		await waitFor(() => counts.some((c) => c.room === 1 && c.online === 0));

		expect(await emitRaw(phone, 'participant:update', { channel: 'online' })).toMatchObject({ ok: true, data: { channel: 'online' } });
		await waitFor(() => counts.at(-1)?.room === 0 && counts.at(-1)?.online === 1);

		const staff = track(client(url, { role: 'staff' }, { cookie: ownerCookie, origin }));
		await connected(staff);
		const current = await getStage(sessionId, srv.app.deps);
		const pushed = next<StageSnapshot>(stage, 'stage:state');
		const phonePushed = next<StageSnapshot>(phone, 'stage:state');
		const ack = await emitRaw<StageSnapshot>(staff, 'stage:set', { sessionId, state: { mode: 'idle' }, expectedVersion: current.version });
		expect(ack).toMatchObject({ ok: true, data: { version: current.version + 1 } });
		expect((await pushed).version).toBe(current.version + 1);
		expect((await phonePushed).version).toBe(current.version + 1);
		expect(await emitRaw(staff, 'stage:set', { sessionId, state: { mode: 'idle' }, expectedVersion: current.version })).toMatchObject({
			ok: false,
			error: { code: 'stale_version' }
		});

		phone.close();
		await waitFor(() => counts.at(-1)?.online === 0);
	});

	it('ST3: rotating the stage link disconnects the stage screens that used the old one', async () => {
		const stage = track(client(url, { role: 'stage', sessionId: otherSessionId, stageToken: await stageTokenFor(otherSessionId, srv.app.deps) }, { origin }));
		await connected(stage);
		const revoked = next(stage, 'session:revoked');
		const disconnected = new Promise((r) => stage.once('disconnect', r));
		await rotateStageToken(otherSessionId, srv.app.deps);
		await revoked;
		await disconnected;
	});

	it("AU4: logout closes that login's sockets within a second", async () => {
		const d = srv.app.deps;
		const login = await auth.login({ email: 'o@x.de', password: PASSWORD, ip: '2' }, d);
		const s = track(client(url, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=${login.token}`, origin }));
		await connected(s);
		const other = track(client(url, { role: 'staff' }, { cookie: ownerCookie, origin }));
		await connected(other);
		const closed = new Promise<number>((r) => s.once('disconnect', () => r(Date.now())));
		const t0 = Date.now();
		await auth.invalidateSession(login.session.id, d);
		expect((await closed) - t0).toBeLessThan(1000);
		expect(other.connected).toBe(true);
		expect(ownerSessionId).not.toBe(login.session.id);
	});
});

describe('health', () => {
	it('OP1: /healthz and /readyz answer', async () => {
		expect((await fetch(`${url}/healthz`)).status).toBe(200);
		expect(await (await fetch(`${url}/readyz`)).text()).toBe('ready');
	});
});
