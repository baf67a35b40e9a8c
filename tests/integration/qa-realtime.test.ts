/**
 * Q&A over real sockets (R4, R7, S7 of quality.md; Q1–Q9 of docs/SPEC.md): real socket.io
 * clients against the real server on an ephemeral port, on SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { client, connected, emitRaw, next, waitFor, type TestSocket } from '../support/realtime.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import { QA_TICK_MS } from '../../src/lib/server/realtime/qa-feed.ts';
import type { MyQaView, MyQuestion, PublicQaSnapshot, StaffQaSnapshot } from '../../src/lib/shared/qa.ts';
import type { QaView } from '../../src/lib/shared/protocol.ts';
import { applyChanges, type PublicQaChanges } from '../../src/lib/shared/qa-changes.ts';

const PASSWORD = 'correct horse battery';
const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2026-06-01' };
const SESSION = { kind: 'plenary' as const, title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null };
let srv: Running;
let origin: string;
let eventId: string;
let ownerId: string;
let staffCookie: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	const config = testConfig();
	srv = await startServer(config);
	origin = config.publicOrigin;
	const d = srv.app.deps;
	ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: PASSWORD }, d)).id;
	staffCookie = `${STAFF_COOKIE}=${(await auth.login({ email: 'o@x.de', password: PASSWORD, ip: '1' }, d)).token}`;
	eventId = (await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, d)).id;
});

afterAll(async () => {
	for (const s of sockets) s.close();
	await srv.shutdown();
});

const newSession = async () => (await events.createSession(eventId, SESSION, ownerId, srv.app.deps)).id;

async function phone(sessionId: string, via: 'room' | 'online' = 'room', ev = eventId) {
	const { token, participant } = await joinEvent({ eventId: ev, via }, srv.app.deps);
	const socket = client(srv.url, { role: 'audience', eventId: ev }, { cookie: `${participantCookieName(ev)}=${token}`, origin });
	sockets.push(socket);
	await connected(socket);
	if (ev === eventId) expect(await emitRaw(socket, 'session:watch', { sessionId })).toMatchObject({ ok: true });
	return { socket, participantId: participant.id };
}
async function phones(sessionId: string, n: number) {
	const out = [];
	for (let i = 0; i < n; i += 50)
		out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => phone(sessionId, (i + j) % 2 ? 'online' : 'room')))));
	return out;
}
async function staff(sessionId: string) {
	const s = client(srv.url, { role: 'staff' }, { cookie: staffCookie, origin });
	sockets.push(s);
	await connected(s);
	expect(await emitRaw(s, 'session:watch', { sessionId })).toMatchObject({ ok: true });
	return s;
}
async function stage(sessionId: string) {
	const s = client(srv.url, { role: 'stage', sessionId, stageToken: await stageTokenFor(sessionId, srv.app.deps) }, { origin });
	sockets.push(s);
	await connected(s);
	expect(await emitRaw(s, 'session:watch', { sessionId })).toMatchObject({ ok: true });
	return s;
}
const ask = (s: TestSocket, sessionId: string, text: string, key = randomUUID(), name: string | null = null) =>
	emitRaw<MyQuestion>(s, 'qa:ask', { sessionId, text, name, key });

describe('Q&A over sockets', () => {
	it("the public list a process keeps for phones' changes goes when the last watcher of its session leaves", async () => {
		const qa = srv.realtime.ctx.qa;
		const watched = await newSession();
		const p = await phone(watched);
		await ask(p.socket, watched, 'Erste');
		await waitFor(() => qa.cachedLists() > 0, 3000);
		const before = qa.cachedLists();
		p.socket.disconnect();
		// The next tick forgets it: here one for a question in a session nobody watches, whose list is not kept either.
		const other = await newSession();
		const asker = (await joinEvent({ eventId, via: 'room' }, srv.app.deps)).participant;
		await askQuestion({ participantId: asker.id, eventId, channel: 'room', sessionId: other, text: 'Zweite', name: null, key: randomUUID() }, srv.app.deps);
		await waitFor(() => qa.cachedLists() < before, 3000);
		expect(qa.cachedLists()).toBe(before - 1);
	});

	it('R7/Q1/Q8: 200 phones upvote one question at once and one sends 50: the stage shows 200, and the list went out per tick, not per upvote', async () => {
		const sessionId = await newSession();
		const screen = await stage(sessionId);
		const people = await phones(sessionId, 200);
		const asked = await ask(people[0]!.socket, sessionId, 'Wie viele?');
		expect(asked.ok).toBe(true);
		const qid = asked.ok ? asked.data.id : '';
		let latest: PublicQaSnapshot | null = null;
		let messages = 0;
		screen.on('qa:public', (s) => {
			messages++;
			if (!latest || s.seq > latest.seq) latest = s;
		});
		let phoneMessages = 0;
		// Phone 5 keeps its list the way the app does: the fetched one, then each tick's changes on top of exactly it.
		const start = await emitRaw<QaView>(people[5]!.socket, 'qa:get', { sessionId });
		let phoneList = start.ok ? start.data.public! : null;
		let broken = 0;
		let biggest = 0;
		people[5]!.socket.on('qa:public', () => phoneMessages++);
		people[5]!.socket.on('qa:changes', (c) => {
			phoneMessages++;
			biggest = Math.max(biggest, JSON.stringify(c).length);
			if (!phoneList || c.base !== phoneList.seq) return void broken++;
			phoneList = { ...phoneList, seq: c.seq, total: c.total, questions: applyChanges(phoneList.questions, c) };
		});
		const started = Date.now();
		const eager = people[1]!.socket;
		const acks = await Promise.all([
			...people.map((p) => emitRaw<{ votes: number }>(p.socket, 'qa:upvote', { questionId: qid, up: true, key: randomUUID() })),
			...Array.from({ length: 49 }, () => emitRaw<{ votes: number }>(eager, 'qa:upvote', { questionId: qid, up: true, key: randomUUID() }))
		]);
		expect(acks.filter((a) => !a.ok)).toEqual([]);
		await waitFor(() => latest?.questions.find((q) => q.id === qid)?.votes === 200, 5000);
		const elapsed = Date.now() - started;
		// 249 upvotes; at most one list per tick (plus the one in flight) reached each screen.
		const ticks = Math.ceil(elapsed / QA_TICK_MS) + 2;
		expect(messages).toBeLessThanOrEqual(ticks);
		expect(phoneMessages).toBeLessThanOrEqual(ticks);
		// Phones got upvotes as numbers, each on top of the list before, and ended with the stage's list.
		await waitFor(() => phoneList?.questions.find((q) => q.id === qid)?.votes === 200, 5000);
		expect(broken).toBe(0);
		expect(phoneList!.questions).toEqual(latest!.questions);
		expect(biggest).toBeLessThan(600);
		const rows = await srv.app.deps.db.selectFrom('question_upvotes').select('participant_id').where('question_id', '=', qid).execute();
		expect(rows).toHaveLength(200);
	});

	it('R4/Q2: one question sent ten times with one key → one question and ten equal answers', async () => {
		const sessionId = await newSession();
		const p = await phone(sessionId);
		const key = randomUUID();
		const acks = await Promise.all(Array.from({ length: 10 }, () => ask(p.socket, sessionId, 'Einmal bitte', key)));
		expect(acks.every((a) => a.ok)).toBe(true);
		for (const a of acks) expect(a).toEqual(acks[0]);
		const rows = await srv.app.deps.db.selectFrom('questions').select('id').where('session_id', '=', sessionId).execute();
		expect(rows).toHaveLength(1);
	});

	it('S7/Q4: over the limit the phone gets rate_limited with retryAfterMs; a neighbour on the same IP is not limited', async () => {
		const sessionId = await newSession();
		const p = await phone(sessionId);
		for (let i = 0; i < srv.app.config.qaQuestionsPerMinute; i++) expect(await ask(p.socket, sessionId, `F${i}`)).toMatchObject({ ok: true });
		const refused = await ask(p.socket, sessionId, 'zu viel');
		expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
		expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(0);
		expect(await ask((await phone(sessionId)).socket, sessionId, 'Nachbarin')).toMatchObject({ ok: true });
	});

	it('Q8/S8: odd text arrives literally; a 10,000-character word is refused and stores nothing', async () => {
		const sessionId = await newSession();
		const mod = await staff(sessionId);
		const p = await phone(sessionId);
		const odd = '<script>alert(1)</script> <img src=x onerror=alert(1)> \u202Eevil\u200B javascript:alert(1)';
		const staffList = next<StaffQaSnapshot>(mod, 'qa:staff');
		const a = await ask(p.socket, sessionId, odd, randomUUID(), '<b>Name</b>');
		expect(a).toMatchObject({ ok: true, data: { text: odd, name: '<b>Name</b>' } });
		expect((await staffList).questions[0]).toMatchObject({ text: odd, name: '<b>Name</b>' });
		expect(await ask(p.socket, sessionId, 'x'.repeat(10_000))).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
		expect(await ask(p.socket, sessionId, '   ')).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
		const rows = await srv.app.deps.db.selectFrom('questions').select('text').where('session_id', '=', sessionId).execute();
		expect(rows).toEqual([{ text: odd }]);
	});

	it('Q5/Q8: hiding tells the asker why (qa:mine) and takes the question off phones; phones never get the staff list', async () => {
		const sessionId = await newSession();
		const mod = await staff(sessionId);
		const asker = await phone(sessionId, 'online');
		const other = await phone(sessionId);
		let staffLeak = 0;
		other.socket.on('qa:staff', () => staffLeak++);
		const a = await ask(asker.socket, sessionId, 'Off topic?');
		const qid = a.ok ? a.data.id : '';
		await waitFor(async () => {
			const v = await emitRaw<QaView>(other.socket, 'qa:get', { sessionId });
			return v.ok && v.data.public?.questions.some((q) => q.id === qid) === true;
		});
		const mine = next<MyQaView>(asker.socket, 'qa:mine');
		const gone = new Promise<PublicQaChanges>((resolve) => other.socket.on('qa:changes', (c) => c.remove.includes(qid) && resolve(c)));
		expect(await emitRaw(mod, 'qa:moderate', { questionId: qid, action: 'hide', reason: 'off_topic' })).toMatchObject({ ok: true, data: { status: 'hidden' } });
		expect((await mine).questions[0]).toMatchObject({ id: qid, status: 'hidden', hideReason: 'off_topic' });
		await gone;
		expect(staffLeak).toBe(0);
	});

	it('Q9: the moderator highlights a question; the stage gets the stage state and the question in its list', async () => {
		const sessionId = await newSession();
		const mod = await staff(sessionId);
		const screen = await stage(sessionId);
		const p = await phone(sessionId, 'online');
		const a = await ask(p.socket, sessionId, 'Auf die Bühne');
		const qid = a.ok ? a.data.id : '';
		const state = next<{ state: unknown }>(screen, 'stage:state');
		expect(await emitRaw(mod, 'stage:set', { sessionId, state: { mode: 'question', questionId: qid, top: true } })).toMatchObject({ ok: true });
		expect((await state).state).toEqual({ mode: 'question', questionId: qid, top: true });
		const view = await emitRaw<QaView>(screen, 'qa:get', { sessionId });
		expect(view.ok && view.data.public?.questions.find((q) => q.id === qid)).toMatchObject({ channel: 'online', votes: 0 });
		expect(view.ok && view.data.staff).toBeNull();
	});

	it("S3/RT3: the stage cannot ask, a phone cannot moderate, another event's phone cannot read, a reconnecting phone gets the current list", async () => {
		const sessionId = await newSession();
		const screen = await stage(sessionId);
		const p = await phone(sessionId);
		const a = await ask(p.socket, sessionId, 'Bleibt');
		const qid = a.ok ? a.data.id : '';
		expect(await ask(screen, sessionId, 'vom Beamer')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await emitRaw(p.socket, 'qa:moderate', { questionId: qid, action: 'hide' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await emitRaw(p.socket, 'qa:settings', { sessionId, enabled: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const otherEvent = (await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, srv.app.deps)).id;
		const stranger = await phone(sessionId, 'room', otherEvent);
		expect(await emitRaw(stranger.socket, 'qa:get', { sessionId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await emitRaw(stranger.socket, 'qa:upvote', { questionId: qid, up: true, key: randomUUID() })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
		p.socket.disconnect();
		p.socket.connect();
		await connected(p.socket);
		const view = await emitRaw<QaView>(p.socket, 'qa:get', { sessionId });
		expect(view.ok && view.data.mine?.questions.map((q) => q.id)).toEqual([qid]);
		expect(view.ok && view.data.public?.questions.map((q) => q.id)).toEqual([qid]);
	});
});
