/**
 * S11 of quality.md: tokens, passwords and user text never reach the logs. The built server runs
 * in its own process at LOG_LEVEL=debug; the test plants unique markers everywhere a secret or a
 * person's words pass through — a staff login, an API token (also a revoked one), a participant
 * token, a stage link, a question, an open answer, a display name, failed and refused requests —
 * and then searches everything the process wrote to stdout and stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PlenumProcess } from '../support/plenum-process.ts';
import { client, connected, emitRaw, type TestSocket } from '../support/realtime.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { createEvent, createSession } from '../../src/lib/server/events/service.ts';
import { createPoll, openPoll } from '../../src/lib/server/polls/service.ts';
import { createApiToken, revokeApiToken } from '../../src/lib/server/api-tokens/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { participantCookieName } from '../../src/lib/server/participants/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';

const OWNER = { email: 'orga@example.org', name: 'Orga', password: `pw-${randomUUID()}` };
const QUESTION = `Frage-Marker-${randomUUID()}`;
const ANSWER = `Antwort-Marker-${randomUUID()}`;
const NAME = `Name-${randomUUID().slice(0, 8)}`;

let server: PlenumProcess;
const secrets: Record<string, string> = { password: OWNER.password, question: QUESTION, answer: ANSWER, name: NAME };
const sockets: TestSocket[] = [];

beforeAll(async () => {
	server = await PlenumProcess.start({ LOG_LEVEL: 'debug' });
	await server.ensureOwner(OWNER);
});
afterAll(async () => {
	for (const s of sockets) s.close();
	await server?.stop();
});

function cookieFrom(res: Response, name: string): string {
	const c = res.headers.getSetCookie().find((x) => x.startsWith(`${name}=`));
	if (!c) throw new Error(`no ${name} cookie`);
	return c.split(';')[0]!.slice(name.length + 1);
}

describe('logs (S11)', () => {
	it('S11: no token, password, question, answer or name appears in anything the server wrote, at debug level', async () => {
		const origin = server.origin;
		const form = (body: Record<string, string>, cookie = '') => ({
			method: 'POST',
			redirect: 'manual' as const,
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
			body: new URLSearchParams(body).toString()
		});
		// Staff: a failed login, then a real one.
		await fetch(`${origin}/login`, form({ email: OWNER.email, password: `${OWNER.password}-wrong` }));
		const login = await fetch(`${origin}/login`, form({ email: OWNER.email, password: OWNER.password }));
		expect(login.status).toBe(303);
		secrets.login = cookieFrom(login, STAFF_COOKIE);

		// An event through the domain on the server's database; tokens used against the server.
		const app = await createApp(readConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: origin }));
		let eventCode: string, eventId: string, sessionId: string, pollId: string;
		try {
			const d = app.deps;
			const owner = await d.db.selectFrom('users').select('id').where('email', '=', OWNER.email).executeTakeFirstOrThrow();
			const ev = await createEvent(
				{ title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2099-12-31' },
				{ userId: owner.id, isAdmin: true },
				d
			);
			eventId = ev.id;
			eventCode = ev.joinCode;
			sessionId = (
				await createSession(
					ev.id,
					{ kind: 'plenary', title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null },
					owner.id,
					d
				)
			).id;
			const poll = await createPoll(
				sessionId,
				{ kind: 'open', question: 'Q', options: [], allowChange: true, resultsVisibility: 'live', showNames: true },
				owner.id,
				d
			);
			await openPoll(poll.id, owner.id, d);
			pollId = poll.id;
			secrets.api = (await createApiToken('ci', owner.id, d)).token;
			const revoked = await createApiToken('old', owner.id, d);
			await revokeApiToken(revoked.record.id, owner.id, d);
			secrets.revokedApi = revoked.token;
			secrets.stage = await stageTokenFor(sessionId, d);
		} finally {
			await app.close();
		}
		const api = (path: string, token: string, init: RequestInit = {}) =>
			fetch(`${origin}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
		expect((await api('/events', secrets.api)).status).toBe(200);
		expect((await api('/events', secrets.revokedApi)).status).toBe(401);
		expect((await api(`/events/${eventId}/sessions`, secrets.api, { method: 'POST', body: '{"title":' })).status).toBe(400);
		expect((await api('/events/no-such-event', secrets.api)).status).toBe(404);

		// A phone joins with a name, asks, answers, and sends nonsense.
		const joined = await fetch(`${origin}/r/${eventCode}`, form({ displayName: NAME, via: 'room' }));
		expect(joined.status).toBe(303);
		secrets.participant = cookieFrom(joined, participantCookieName(eventId));
		const phone = client(origin, { role: 'audience', eventId }, { cookie: `${participantCookieName(eventId)}=${secrets.participant}`, origin });
		sockets.push(phone);
		await connected(phone);
		expect(await emitRaw(phone, 'session:watch', { sessionId })).toMatchObject({ ok: true });
		expect(await emitRaw(phone, 'qa:ask', { sessionId, text: QUESTION, name: NAME, key: randomUUID() })).toMatchObject({ ok: true });
		expect(await emitRaw(phone, 'poll:vote', { pollId, answer: { kind: 'open', text: ANSWER }, key: randomUUID() })).toMatchObject({ ok: true });
		expect(await emitRaw(phone, 'qa:ask', { sessionId, text: `${QUESTION}${'x'.repeat(600)}`, name: null, key: randomUUID() })).toMatchObject({ ok: false });
		// Staff and stage sockets with the real tokens, and forged ones.
		const staff = client(origin, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=${secrets.login}`, origin });
		sockets.push(staff);
		await connected(staff);
		const stage = client(origin, { role: 'stage', sessionId, stageToken: secrets.stage }, { origin });
		sockets.push(stage);
		await connected(stage);
		const forged = client(origin, { role: 'stage', sessionId, stageToken: `${secrets.stage}x` }, { origin });
		sockets.push(forged);
		await expect(connected(forged)).rejects.toBeTruthy();
		expect((await fetch(`${origin}/stage/${sessionId}/${secrets.stage}`)).status).toBe(200);
		expect(
			(await fetch(`${origin}/e/${eventCode}/s/${sessionId}`, { headers: { cookie: `${participantCookieName(eventId)}=${secrets.participant}` } })).status
		).toBe(200);

		for (const s of sockets) s.close();
		await server.stop();
		const logs = server.logs.join('');
		// The logs are not empty: the process did log at debug level, so silence is not what passes this test.
		expect(logs).toMatch(/"level":"(debug|info)"/);
		const leaked = Object.entries(secrets).filter(([, v]) => logs.includes(v));
		expect(leaked.map(([k]) => k)).toEqual([]);
	}, 60_000);
});
