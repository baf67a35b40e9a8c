import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer } from '../support/built-server.ts';
import { apiRoutes } from './support.ts';
import { createPgDatabase } from '../support/databases.ts';
import { createOwner, createSession, createUser, type User } from '../../src/lib/server/auth/service.ts';
import { createApiToken, revokeApiToken } from '../../src/lib/server/api-tokens/service.ts';
import {
	createEvent,
	createSession as createAgendaSession,
	getEvent,
	listSessions,
	type EventRecord,
	type SessionRecord
} from '../../src/lib/server/events/service.ts';
import { acceptInvite, createInvite } from '../../src/lib/server/invites/service.ts';
import { createPoll } from '../../src/lib/server/polls/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { joinEvent } from '../../src/lib/server/participants/service.ts';
import { joinUrl, qrSvg } from '../../src/lib/server/qr/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';

/**
 * The JSON API (/api/v1) against the real built server and a real database: SQLite by default,
 * PostgreSQL when DATABASE_URL is set. Rule ids: AT1/AT2 (API tokens), AC1 (who creates events),
 * S3 (cross-event isolation), S10 (CSRF on JSON endpoints), S11 (tokens never logged).
 */

type ErrorBody = { error: { code: string; message: string } };
type EventWithRole = EventRecord & { role: string };
type JoinInfo = { code: string; displayCode: string; links: { room: string; online: string }; qr: { room: string; online: string } };
type EventJoin = { event: JoinInfo; sessions: (JoinInfo & { sessionId: string; title: string })[] };

let running: Running & { origin: string };
let deps: Deps;
let dropDatabase: (() => Promise<void>) | null = null;
let owner: User;
let ownerToken: string;
let moderatorToken: string;
let strangerToken: string;
/** An event seeded through the domain services; the owner owns it, the moderator moderates it. */
let shared: EventRecord;
/** A second event of the owner with one session; the moderator is no member of it (S3). */
let other: EventRecord;
let otherSession: SessionRecord;

const PASSWORD = 'secret-password-1';
const EVENT = {
	title: 'Jahrestagung 2026',
	startsOn: '2026-05-04',
	endsOn: '2026-05-05',
	timeZone: 'Europe/Berlin',
	defaultLocale: 'de' as const,
	retentionOn: '2026-08-01'
};
const SESSION = { kind: 'plenary' as const, title: 'Eröffnung', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: 'Saal 1', livestreamUrl: null };

interface CallOptions {
	/** Bearer token; `null` sends no Authorization header. Defaults to the owner's token. */
	token?: string | null;
	body?: unknown;
	/** Sent as is instead of `body`. */
	raw?: string;
	headers?: Record<string, string>;
}

async function call<T = unknown>(method: string, path: string, opts: CallOptions = {}): Promise<{ status: number; headers: Headers; text: string; json: T }> {
	const headers: Record<string, string> = { ...opts.headers };
	const token = opts.token === undefined ? ownerToken : opts.token;
	if (token !== null) headers.authorization = `Bearer ${token}`;
	const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
	// SvelteKit refuses a write without Content-Type and Origin as a cross-site form, so clients
	// send the JSON type on every write, DELETE included (documented in docs/api.md).
	if (method !== 'GET' && method !== 'HEAD') headers['content-type'] ??= 'application/json';
	const res = await fetch(`${running.origin}/api/v1${path}`, { method, headers, body });
	const text = await res.text();
	const isJson = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
	return { status: res.status, headers: res.headers, text, json: (isJson ? JSON.parse(text) : undefined) as T };
}

async function expectError(p: Promise<{ status: number; json: unknown }>, status: number, code: string): Promise<string> {
	const res = await p;
	expect(res.status).toBe(status);
	const body = res.json as ErrorBody;
	expect(Object.keys(body)).toEqual(['error']);
	expect(body.error.code).toBe(code);
	expect(typeof body.error.message).toBe('string');
	return body.error.message;
}

beforeAll(async () => {
	let env: Record<string, string> = {};
	if (process.env.DATABASE_URL) {
		const db = await createPgDatabase(process.env.DATABASE_URL);
		dropDatabase = db.drop;
		env = { DATABASE_URL: db.url };
	}
	running = await startBuiltServer(env);
	deps = running.app.deps;
	owner = await createOwner({ email: 'anna@example.org', name: 'Anna', password: PASSWORD }, deps);
	ownerToken = (await createApiToken('ci', owner.id, deps)).token;
	shared = await createEvent(EVENT, { userId: owner.id, isAdmin: true }, deps);
	await createAgendaSession(shared.id, { ...SESSION, livestreamUrl: 'https://stream.example.org/1' }, owner.id, deps);

	const moderator = await createUser({ email: 'mo@example.org', name: 'Mo', password: PASSWORD }, deps);
	const invite = await createInvite({ eventId: shared.id, role: 'moderator', sessionIds: [] }, owner.id, deps);
	await acceptInvite(invite.token, { existingUserId: moderator.id }, deps);
	moderatorToken = (await createApiToken('mod', moderator.id, deps)).token;

	const stranger = await createUser({ email: 'sam@example.org', name: 'Sam', password: PASSWORD }, deps);
	strangerToken = (await createApiToken('stranger', stranger.id, deps)).token;

	other = await createEvent({ ...EVENT, title: 'Other event' }, { userId: owner.id, isAdmin: true }, deps);
	otherSession = await createAgendaSession(other.id, SESSION, owner.id, deps);
});

afterAll(async () => {
	await running?.shutdown();
	await dropDatabase?.();
});

describe('authentication', () => {
	it('AT2: a request without a token is refused with 401 and a Bearer challenge', async () => {
		const res = await call('GET', '/events', { token: null });
		await expectError(Promise.resolve(res), 401, 'unauthenticated');
		expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
	});

	it('AT2: a malformed Authorization header and an unknown token are refused', async () => {
		await expectError(call('GET', '/events', { token: null, headers: { authorization: `Basic ${btoa('anna:x')}` } }), 401, 'unauthenticated');
		await expectError(call('GET', '/events', { token: 'plm_not-a-real-token' }), 401, 'unauthenticated');
		await expectError(call('GET', '/events', { token: 'something-else' }), 401, 'unauthenticated');
	});

	it('AT2: a revoked token is refused', async () => {
		const { token, record } = await createApiToken('to revoke', owner.id, deps);
		expect((await call('GET', '/events', { token })).status).toBe(200);
		await revokeApiToken(record.id, owner.id, deps);
		const res = await call('GET', '/events', { token });
		await expectError(Promise.resolve(res), 401, 'unauthenticated');
		expect(res.headers.get('www-authenticate')).toContain('invalid_token');
	});

	it('S10: the staff login cookie is never accepted, so a cross-site page cannot act with it', async () => {
		const { token } = await createSession(owner.id, deps);
		const cookie = `${STAFF_COOKIE}=${token}`;
		await expectError(call('GET', '/events', { token: null, headers: { cookie } }), 401, 'unauthenticated');
		const before = (await listSessions(shared.id, deps)).length;
		await expectError(
			call('POST', `/events/${shared.id}/sessions`, { token: null, body: SESSION, headers: { cookie, origin: 'https://evil.example' } }),
			401,
			'unauthenticated'
		);
		expect(await listSessions(shared.id, deps)).toHaveLength(before);
	});

	it('AT1: the API acts with the rights of the token creator', async () => {
		const mine = await call<{ events: EventWithRole[] }>('GET', '/events');
		expect(mine.status).toBe(200);
		expect(mine.json.events.map((e) => e.id).sort()).toEqual([shared.id, other.id].sort());
		expect(mine.json.events.every((e) => e.role === 'owner')).toBe(true);
		const mod = await call<{ events: EventWithRole[] }>('GET', '/events', { token: moderatorToken });
		expect(mod.json.events.map((e) => [e.id, e.role])).toEqual([[shared.id, 'moderator']]);
		const stranger = await call<{ events: EventWithRole[] }>('GET', '/events', { token: strangerToken });
		expect(stranger.json.events).toEqual([]);
	});
});

describe('events', () => {
	it('creates, reads, changes and deletes an event', async () => {
		const created = await call<EventRecord>('POST', '/events', {
			body: { title: '  Workshop-Tag  ', startsOn: '2026-06-01', endsOn: '2026-06-01', retentionOn: '2026-07-01' }
		});
		expect(created.status).toBe(201);
		expect(created.headers.get('cache-control')).toBe('no-store');
		const ev = created.json;
		expect(created.headers.get('location')).toBe(`/api/v1/events/${ev.id}`);
		// Trimmed title, defaults for time zone and language, a join code of its own.
		expect(ev).toMatchObject({
			title: 'Workshop-Tag',
			startsOn: '2026-06-01',
			endsOn: '2026-06-01',
			timeZone: 'Europe/Berlin',
			defaultLocale: 'de',
			retentionOn: '2026-07-01'
		});
		expect(ev.joinCode).toMatch(/^[A-Z2-9]{6}$/);

		const list = await call<{ events: EventWithRole[] }>('GET', '/events');
		expect(list.json.events.find((e) => e.id === ev.id)).toEqual({ ...ev, role: 'owner' });

		const one = await call<EventWithRole>('GET', `/events/${ev.id}`);
		expect(one.status).toBe(200);
		expect(one.json).toEqual({ ...ev, role: 'owner' });

		// PATCH merges: only the title and the language change.
		const patched = await call<EventRecord>('PATCH', `/events/${ev.id}`, { body: { title: 'Workshoptag', defaultLocale: 'en' } });
		expect(patched.status).toBe(200);
		expect(patched.json).toEqual({ ...ev, title: 'Workshoptag', defaultLocale: 'en' });
		expect(await getEvent(ev.id, deps)).toEqual(patched.json);

		const del = await call('DELETE', `/events/${ev.id}`);
		expect(del.status).toBe(204);
		expect(del.text).toBe('');
		await expectError(call('GET', `/events/${ev.id}`), 404, 'not_found');
		await expectError(call('DELETE', `/events/${ev.id}`), 404, 'not_found');
	});

	it('AC1: only an administrator creates events', async () => {
		const before = (await call<{ events: EventWithRole[] }>('GET', '/events', { token: moderatorToken })).json.events.length;
		await expectError(call('POST', '/events', { token: moderatorToken, body: EVENT }), 403, 'forbidden');
		expect((await call<{ events: EventWithRole[] }>('GET', '/events', { token: moderatorToken })).json.events).toHaveLength(before);
	});

	it('refuses invalid event payloads with invalid_payload and changes nothing', async () => {
		const count = async () => (await call<{ events: EventWithRole[] }>('GET', '/events')).json.events.length;
		const n = await count();
		expect(await expectError(call('POST', '/events', { body: { ...EVENT, title: '' } }), 400, 'invalid_payload')).toMatch(/^title: /);
		expect(await expectError(call('POST', '/events', { body: { ...EVENT, endsOn: '2026-05-01' } }), 400, 'invalid_payload')).toBe(
			'endsOn: the event ends before it starts'
		);
		expect(await expectError(call('POST', '/events', { body: { ...EVENT, timeZone: 'Mars/Olympus' } }), 400, 'invalid_payload')).toBe(
			'timeZone: unknown time zone'
		);
		expect(await expectError(call('POST', '/events', { body: { ...EVENT, joinCode: 'AAAAAA' } }), 400, 'invalid_payload')).toMatch(
			/^joinCode: unknown or read-only field/
		);
		expect(await expectError(call('POST', '/events', { body: [EVENT] }), 400, 'invalid_payload')).toBe('the body must be a JSON object');
		expect(await expectError(call('POST', '/events', { raw: '{"title": "x",' }), 400, 'invalid_payload')).toBe('the body is not valid JSON');
		expect(await expectError(call('POST', '/events', { raw: '' }), 400, 'invalid_payload')).toBe('a JSON body is required');
		await expectError(call('POST', '/events', { raw: JSON.stringify(EVENT), headers: { 'content-type': 'text/xml' } }), 415, 'unsupported_media_type');
		expect(await count()).toBe(n);
	});

	it('a PATCH is validated as a whole after merging and changes nothing when invalid', async () => {
		const before = await getEvent(shared.id, deps);
		// endsOn alone is a valid date, but the merged event would end before it starts.
		expect(await expectError(call('PATCH', `/events/${shared.id}`, { body: { endsOn: '2026-05-01' } }), 400, 'invalid_payload')).toBe(
			'endsOn: the event ends before it starts'
		);
		expect(await expectError(call('PATCH', `/events/${shared.id}`, { body: { title: 'New', startsOn: 'tomorrow' } }), 400, 'invalid_payload')).toMatch(
			/^startsOn: /
		);
		expect(await expectError(call('PATCH', `/events/${shared.id}`, { body: { id: 'x' } }), 400, 'invalid_payload')).toMatch(/^id: unknown or read-only field/);
		expect(await expectError(call('PATCH', `/events/${shared.id}`, { body: { title: 42 } }), 400, 'invalid_payload')).toMatch(/^title: /);
		expect(await getEvent(shared.id, deps)).toEqual(before);
		const read = await call<EventWithRole>('GET', `/events/${shared.id}`);
		expect(read.json).toEqual({ ...before, role: 'owner' });
	});

	it('refuses bodies over 64 KiB with 413, also without a Content-Length', async () => {
		const huge = JSON.stringify({ ...EVENT, title: 'x'.repeat(70 * 1024) });
		await expectError(call('POST', '/events', { raw: huge }), 413, 'payload_too_large');
		// A streamed body has no Content-Length: the limit is counted while reading.
		const stream = new ReadableStream<Uint8Array>({
			start(c) {
				for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode(' '.repeat(8 * 1024)));
				c.close();
			}
		});
		const res = await fetch(`${running.origin}/api/v1/events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(res.status).toBe(413);
		expect(((await res.json()) as ErrorBody).error.code).toBe('payload_too_large');
	});
});

describe('sessions', () => {
	it('creates, changes, reorders and deletes sessions; the agenda keeps its order', async () => {
		const ev = (await call<EventRecord>('POST', '/events', { body: { ...EVENT, title: 'Agenda test' } })).json;
		const titles = ['Keynote', 'Panel', 'Workshop A'];
		const created: SessionRecord[] = [];
		for (const [i, title] of titles.entries()) {
			const res = await call<SessionRecord>('POST', `/events/${ev.id}/sessions`, {
				body: { kind: i === 2 ? 'workshop' : 'plenary', title, startsAt: `2026-05-04T1${i}:00`, endsAt: `2026-05-04T1${i}:45` }
			});
			expect(res.status).toBe(201);
			expect(res.headers.get('location')).toBe(`/api/v1/sessions/${res.json.id}`);
			expect(res.json).toMatchObject({ eventId: ev.id, title, room: '', livestreamUrl: null, position: i + 1 });
			created.push(res.json);
		}
		const agenda = async () => (await call<{ sessions: SessionRecord[] }>('GET', `/events/${ev.id}/sessions`)).json.sessions;
		expect((await agenda()).map((s) => s.title)).toEqual(titles);

		const one = await call<SessionRecord>('GET', `/sessions/${created[1]!.id}`);
		expect(one.json).toEqual(created[1]);

		// PATCH merges; a livestream URL can be set and cleared again with null.
		const patched = await call<SessionRecord>('PATCH', `/sessions/${created[1]!.id}`, {
			body: { room: 'Saal 2', livestreamUrl: 'https://stream.example.org/panel' }
		});
		expect(patched.status).toBe(200);
		expect(patched.json).toEqual({ ...created[1], room: 'Saal 2', livestreamUrl: 'https://stream.example.org/panel' });
		const cleared = await call<SessionRecord>('PATCH', `/sessions/${created[1]!.id}`, { body: { livestreamUrl: null } });
		expect(cleared.json).toEqual({ ...created[1], room: 'Saal 2', livestreamUrl: null });

		const order = [created[2]!.id, created[0]!.id, created[1]!.id];
		const reordered = await call<{ sessions: SessionRecord[] }>('PUT', `/events/${ev.id}/sessions/order`, { body: { sessionIds: order } });
		expect(reordered.status).toBe(200);
		expect(reordered.json.sessions.map((s) => [s.id, s.position])).toEqual(order.map((id, i) => [id, i + 1]));
		expect((await agenda()).map((s) => s.id)).toEqual(order);
		const join = await call<EventJoin>('GET', `/events/${ev.id}/join`);
		expect(join.json.sessions.map((s) => s.sessionId)).toEqual(order);

		const del = await call('DELETE', `/sessions/${created[0]!.id}`);
		expect(del.status).toBe(204);
		await expectError(call('GET', `/sessions/${created[0]!.id}`), 404, 'not_found');
		expect((await agenda()).map((s) => s.id)).toEqual([created[2]!.id, created[1]!.id]);
	});

	it('refuses invalid session payloads and orders with invalid_payload and changes nothing', async () => {
		const before = await listSessions(shared.id, deps);
		const target = before[0]!;
		const post = (body: unknown) => call('POST', `/events/${shared.id}/sessions`, { body });
		expect(await expectError(post({ ...SESSION, kind: 'keynote' }), 400, 'invalid_payload')).toMatch(/^kind: /);
		expect(await expectError(post({ ...SESSION, endsAt: '2026-05-04T08:00' }), 400, 'invalid_payload')).toBe('endsAt: the session ends before it starts');
		expect(await expectError(post({ ...SESSION, startsAt: '2026-05-04 09:00' }), 400, 'invalid_payload')).toBe('startsAt: expected YYYY-MM-DDTHH:MM');
		expect(await expectError(post({ ...SESSION, livestreamUrl: 'javascript:alert(1)' }), 400, 'invalid_payload')).toBe(
			'livestreamUrl: must start with http:// or https://'
		);
		expect(await expectError(post({ ...SESSION, position: 1 }), 400, 'invalid_payload')).toMatch(/^position: unknown or read-only field/);

		const patch = (body: unknown) => call('PATCH', `/sessions/${target.id}`, { body });
		expect(await expectError(patch({ startsAt: '2026-05-04T11:00' }), 400, 'invalid_payload')).toBe('endsAt: the session ends before it starts');
		expect(await expectError(patch({ eventId: other.id }), 400, 'invalid_payload')).toMatch(/^eventId: unknown or read-only field/);
		expect(await expectError(patch({ title: 'x'.repeat(201) }), 400, 'invalid_payload')).toMatch(/^title: /);

		const put = (body: unknown) => call('PUT', `/events/${shared.id}/sessions/order`, { body });
		expect(await expectError(put({ sessionIds: [] }), 400, 'invalid_payload')).toBe('the order must list every session of the event exactly once');
		expect(await expectError(put({ sessionIds: 'nope' }), 400, 'invalid_payload')).toMatch(/^sessionIds: /);
		expect(await expectError(put({ ids: before.map((s) => s.id) }), 400, 'invalid_payload')).toBeTruthy();
		expect(await listSessions(shared.id, deps)).toEqual(before);
	});

	it('S3: a session of another event cannot be put into this agenda', async () => {
		const before = await listSessions(shared.id, deps);
		const ids = [...before.map((s) => s.id), otherSession.id];
		await expectError(call('PUT', `/events/${shared.id}/sessions/order`, { body: { sessionIds: ids } }), 400, 'invalid_payload');
		await expectError(call('PUT', `/events/${shared.id}/sessions/order`, { body: { sessionIds: [otherSession.id] } }), 400, 'invalid_payload');
		expect(await listSessions(shared.id, deps)).toEqual(before);
		expect(await listSessions(other.id, deps)).toEqual([otherSession]);
	});
});

describe('rights', () => {
	it('a moderator reads the event but gets 403 on every write, and nothing changes', async () => {
		const t = { token: moderatorToken };
		const sessions = await listSessions(shared.id, deps);
		const s = sessions[0]!;
		expect((await call<EventWithRole>('GET', `/events/${shared.id}`, t)).json.role).toBe('moderator');
		expect((await call<{ sessions: SessionRecord[] }>('GET', `/events/${shared.id}/sessions`, t)).json.sessions).toEqual(sessions);
		expect((await call<SessionRecord>('GET', `/sessions/${s.id}`, t)).json).toEqual(s);
		expect((await call('GET', `/events/${shared.id}/join`, t)).status).toBe(200);

		await expectError(call('PATCH', `/events/${shared.id}`, { ...t, body: { title: 'Hijacked' } }), 403, 'forbidden');
		// Refused before the body is looked at: an invalid body still answers 403.
		await expectError(call('PATCH', `/events/${shared.id}`, { ...t, body: { title: '' } }), 403, 'forbidden');
		await expectError(call('DELETE', `/events/${shared.id}`, t), 403, 'forbidden');
		await expectError(call('POST', `/events/${shared.id}/sessions`, { ...t, body: SESSION }), 403, 'forbidden');
		await expectError(call('PUT', `/events/${shared.id}/sessions/order`, { ...t, body: { sessionIds: sessions.map((x) => x.id) } }), 403, 'forbidden');
		await expectError(call('PATCH', `/sessions/${s.id}`, { ...t, body: { title: 'Hijacked' } }), 403, 'forbidden');
		await expectError(call('DELETE', `/sessions/${s.id}`, t), 403, 'forbidden');

		expect(await getEvent(shared.id, deps)).toEqual(shared);
		expect(await listSessions(shared.id, deps)).toEqual(sessions);
	});

	it('S3: a user who is no member of the event gets 404 everywhere, as for an unknown id', async () => {
		const t = { token: strangerToken };
		const s = (await listSessions(shared.id, deps))[0]!;
		const unknownEvent = await expectError(call('GET', '/events/no-such-event', t), 404, 'not_found');
		expect(await expectError(call('GET', `/events/${shared.id}`, t), 404, 'not_found')).toBe(unknownEvent);
		await expectError(call('PATCH', `/events/${shared.id}`, { ...t, body: { title: 'x' } }), 404, 'not_found');
		await expectError(call('DELETE', `/events/${shared.id}`, t), 404, 'not_found');
		await expectError(call('GET', `/events/${shared.id}/sessions`, t), 404, 'not_found');
		await expectError(call('POST', `/events/${shared.id}/sessions`, { ...t, body: SESSION }), 404, 'not_found');
		await expectError(call('PUT', `/events/${shared.id}/sessions/order`, { ...t, body: { sessionIds: [s.id] } }), 404, 'not_found');
		await expectError(call('GET', `/events/${shared.id}/join`, t), 404, 'not_found');
		await expectError(call('GET', `/events/${shared.id}/join/qr.svg`, t), 404, 'not_found');
		// A session of a foreign event reads exactly like a session that does not exist.
		const unknownSession = await expectError(call('GET', '/sessions/no-such-session', t), 404, 'not_found');
		expect(await expectError(call('GET', `/sessions/${s.id}`, t), 404, 'not_found')).toBe(unknownSession);
		expect(await expectError(call('PATCH', `/sessions/${s.id}`, { ...t, body: { title: 'x' } }), 404, 'not_found')).toBe(unknownSession);
		expect(await expectError(call('DELETE', `/sessions/${s.id}`, t), 404, 'not_found')).toBe(unknownSession);
		// The moderator of one event is a stranger to the other.
		await expectError(call('GET', `/events/${other.id}`, { token: moderatorToken }), 404, 'not_found');
		await expectError(call('GET', `/sessions/${otherSession.id}`, { token: moderatorToken }), 404, 'not_found');
		expect(await getEvent(shared.id, deps)).toEqual(shared);
	});
});

describe('join links and QR codes', () => {
	it('J2: lists the join code, room and online links and QR addresses of the event and every session', async () => {
		const res = await call<EventJoin>('GET', `/events/${shared.id}/join`);
		expect(res.status).toBe(200);
		const o = running.origin;
		const info = (code: string) => ({
			code,
			displayCode: `${code.slice(0, 3)}-${code.slice(3)}`,
			links: { room: `${o}/r/${code}`, online: `${o}/o/${code}` },
			qr: { room: `${o}/qr/${code}/room.svg`, online: `${o}/qr/${code}/online.svg` }
		});
		const sessions = await listSessions(shared.id, deps);
		expect(res.json).toEqual({ event: info(shared.joinCode), sessions: sessions.map((s) => ({ sessionId: s.id, title: s.title, ...info(s.joinCode) })) });
	});

	it('J2: serves the QR code of the event and of a session as SVG', async () => {
		const s = (await listSessions(shared.id, deps))[0]!;
		const ev = await call('GET', `/events/${shared.id}/join/qr.svg`);
		expect(ev.status).toBe(200);
		expect(ev.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
		expect(ev.text.startsWith('<svg')).toBe(true);
		// Deterministic: the image encodes exactly the room link of the event.
		expect(ev.text).toBe(await qrSvg(joinUrl(running.origin, shared.joinCode, 'room')));
		const online = await call('GET', `/events/${shared.id}/join/qr.svg?target=${s.id}&channel=online`);
		expect(online.status).toBe(200);
		expect(online.text).toBe(await qrSvg(joinUrl(running.origin, s.joinCode, 'online')));
		expect(await expectError(call('GET', `/events/${shared.id}/join/qr.svg?channel=tv`), 400, 'invalid_payload')).toMatch(/^channel: /);
		// S3: the target must belong to the event in the path.
		await expectError(call('GET', `/events/${shared.id}/join/qr.svg?target=${otherSession.id}`), 404, 'not_found');
		await expectError(call('GET', `/events/${shared.id}/join/qr.svg`, { token: null }), 401, 'unauthenticated');
	});
});

describe('errors', () => {
	it('S11: an unexpected exception answers 500 internal without details and is logged without the token', async () => {
		const logged: string[] = [];
		const log = running.app.log;
		const originalError = log.error;
		const originalClock = deps.clock;
		log.error = (msg, fields) => void logged.push(JSON.stringify({ msg, ...fields }));
		deps.clock = {
			now: () => {
				throw new Error('clock broke');
			}
		};
		try {
			const res = await call<ErrorBody>('GET', '/events');
			expect(res.status).toBe(500);
			expect(res.json).toEqual({ error: { code: 'internal', message: 'internal server error' } });
		} finally {
			deps.clock = originalClock;
			log.error = originalError;
		}
		expect(logged).toHaveLength(1);
		expect(logged[0]).toContain('clock broke');
		expect(logged[0]).toContain('/api/v1/events');
		expect(logged[0]).not.toContain(ownerToken);
		expect(logged[0]).not.toContain(ownerToken.slice(4));
	});

	it('answers unknown paths with a JSON 404', async () => {
		await expectError(call('GET', '/nothing/here'), 404, 'not_found');
		await expectError(call('GET', `/events/${shared.id}/nothing`), 404, 'not_found');
	});

	it('answers a method a route does not have with a JSON 405 listing the allowed ones', async () => {
		const s = (await listSessions(shared.id, deps))[0]!;
		const poll = await createPoll(
			s.id,
			{ kind: 'open', question: 'Noch Fragen?', options: [], allowChange: true, resultsVisibility: 'live', showNames: false },
			owner.id,
			deps
		);
		const question = await askQuestion(
			{
				participantId: (await joinEvent({ eventId: shared.id, via: 'room' }, deps)).participant.id,
				eventId: shared.id,
				channel: 'room',
				sessionId: s.id,
				text: 'Q?',
				name: null,
				key: 'api-405-question'
			},
			deps
		);
		for (const route of apiRoutes()) {
			const path = route.path
				.replace('{eventId}', shared.id)
				.replace('{sessionId}', s.id)
				.replace('{pollId}', poll.id)
				.replace('{questionId}', question.id)
				.replace('{boardId}', 'any-board');
			const missing = ['POST', 'PUT', 'PATCH', 'DELETE'].find((m) => !route.methods.includes(m))!;
			const res = await call(missing, path, { body: {} });
			expect(res.status, `${missing} ${route.path}`).toBe(405);
			expect((res.json as ErrorBody).error.code).toBe('method_not_allowed');
			const expected = route.methods.includes('GET') ? [...route.methods, 'HEAD'] : route.methods;
			expect(res.headers.get('allow')?.split(', ').sort(), route.file).toEqual(expected.sort());
		}
	});
});

describe('OpenAPI document', () => {
	type Doc = {
		openapi: string;
		servers: { url: string }[];
		paths: Record<string, Record<string, unknown>>;
		components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, unknown> };
	};

	it('is served without a token, parses and describes the bearer scheme and the schemas', async () => {
		const res = await call<Doc>('GET', '/openapi.json', { token: null });
		expect(res.status).toBe(200);
		const doc = res.json;
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.servers[0]!.url).toBe(`${running.origin}/api/v1`);
		expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
		for (const name of [
			'Event',
			'EventWithRole',
			'EventInput',
			'EventPatch',
			'Session',
			'SessionInput',
			'SessionPatch',
			'SessionOrder',
			'Error',
			'EventJoin',
			'Poll',
			'PollInput',
			'PollPatch',
			'PollResults',
			'Tally',
			'PollsExport',
			'QaSettings',
			'QaSettingsPatch',
			'Question',
			'QuestionList',
			'ModerateInput',
			'ReplyInput',
			'HighlightInput',
			'StageSnapshot',
			'QuestionsExport',
			'Board',
			'BoardList',
			'BoardInput',
			'BoardPatch',
			'Workshop',
			'WorkshopInput',
			'WorkshopPatch',
			'DrawSummary',
			'BoardParticipants',
			'MoveInput',
			'SeatState',
			'ReportBack',
			'ReportInput',
			'ParticipantsExport'
		])
			expect(doc.components.schemas[name], name).toBeDefined();
		// Every $ref points at something that exists.
		const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
		for (const r of new Set(refs)) {
			const target = r.slice(8, -1).replace(/^#\//, '').split('/');
			let node: unknown = doc;
			for (const key of target) node = (node as Record<string, unknown> | undefined)?.[key];
			expect(node, r).toBeDefined();
		}
	});

	it('lists every route and method under src/routes/api/v1, and nothing else', async () => {
		const doc = (await call<Doc>('GET', '/openapi.json', { token: null })).json;
		const routes = apiRoutes();
		expect(routes.length).toBeGreaterThanOrEqual(8);
		for (const route of routes) {
			const item = doc.paths[route.path];
			expect(item, `${route.file} is missing from openapi.json paths`).toBeDefined();
			for (const m of route.methods) expect(item![m.toLowerCase()], `${m} ${route.path} is missing from openapi.json`).toBeDefined();
			const documented = Object.keys(item!).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k));
			expect(documented.sort(), `${route.path} documents methods the route lacks`).toEqual(route.methods.map((m) => m.toLowerCase()).sort());
		}
		expect(Object.keys(doc.paths).sort()).toEqual(routes.map((r) => r.path).sort());
	});
});
