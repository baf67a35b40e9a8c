import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, csvRecords, parseCsv, type CallResult } from './support.ts';
import { startApiCast, type ApiCast } from './cast.ts';
import type { User } from '../../src/lib/server/auth/service.ts';
import { createSession as createAgendaSession, type EventRecord, type SessionRecord } from '../../src/lib/server/events/service.ts';
import { joinEvent, type Participant } from '../../src/lib/server/participants/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { upvoteQuestion } from '../../src/lib/server/qa/upvote.ts';
import { myQuestions } from '../../src/lib/server/qa/read.ts';
import { getStage } from '../../src/lib/server/stage/service.ts';
import { askerName, questionText, type MyQuestion } from '../../src/lib/shared/qa.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';

/**
 * Q&A in the JSON API and the question exports, against the built server and a real database
 * (PostgreSQL when DATABASE_URL is set). Questions are asked and upvoted through the domain
 * (`askQuestion`, `upvoteQuestion`), as a phone's socket would. Rule ids: Q1–Q10 (Q&A), AC3 (who
 * moderates), AT1 (token rights), S3 (cross-event isolation), P10 (CSV injection).
 */

type ErrorBody = { error: { code: string; message: string } };
type Question = {
	id: string;
	sessionId: string;
	text: string;
	name: string | null;
	channel: 'room' | 'online';
	votes: number;
	status: 'pending' | 'approved' | 'answered' | 'hidden';
	pinned: boolean;
	reply: string | null;
	edited: boolean;
	hideReason: string | null;
	flagged: boolean;
	createdAt: string;
	answeredAt: string | null;
};
type Settings = { sessionId: string; enabled: boolean; moderation: 'post' | 'pre' };
type List = { settings: Settings; questions: Question[] };
type Stage = { sessionId: string; version: number; state: { mode: string; questionId?: string | null; top?: boolean } };
type ExportedQuestion = Omit<Question, 'sessionId' | 'pinned' | 'edited' | 'flagged'> & { session: { id: string; title: string } };
type QuestionsExport = {
	format: string;
	version: number;
	exportedAt: string;
	event: { id: string; title: string; timeZone: string };
	questions: ExportedQuestion[];
};

const EVENT = {
	title: 'Bürgerforum Mobilität 2026',
	startsOn: '2026-05-04',
	endsOn: '2026-05-05',
	timeZone: 'Europe/Berlin',
	defaultLocale: 'de' as const,
	retentionOn: '2026-08-01'
};
const SESSION = { kind: 'plenary' as const, title: 'Eröffnung', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: 'Saal 1', livestreamUrl: null };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const COLUMNS = ['question_id', 'session', 'question', 'name', 'votes', 'status', 'hide_reason', 'reply', 'channel', 'created_at', 'answered_at'];

let running: Running & { origin: string };
let deps: Deps;
let owner: User;
let ownerToken: string;
let ownerCookie: string;
/** Moderator of `elsewhere` only: a stranger to `event` (S3). */
let otherModeratorToken: string;
let strangerToken: string;
let strangerCookie: string;
/** Workshop lead of `leadSession` only (AC3). */
let leadToken: string;
let leadCookie: string;
let event: EventRecord;
let leadSession: SessionRecord;
let elsewhere: EventRecord;
let elsewhereSession: SessionRecord;
let api: ReturnType<typeof apiCaller>;

async function expectError(p: Promise<CallResult<unknown>>, status: number, code: string): Promise<string> {
	const res = await p;
	expect(res.status, res.text).toBe(status);
	expect((res.json as ErrorBody).error.code, res.text).toBe(code);
	return (res.json as ErrorBody).error.message;
}

function staffGet(path: string, cookie: string | null): Promise<Response> {
	return fetch(`${running.origin}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
}

let sessionN = 0;
function newSession(title = `Programmpunkt ${++sessionN}`, eventId = event.id, ownerId = owner.id, d = deps): Promise<SessionRecord> {
	return createAgendaSession(eventId, { ...SESSION, title }, ownerId, d);
}

async function participant(via: 'room' | 'online' = 'room', displayName: string | null = null, eventId = event.id): Promise<Participant> {
	return (await joinEvent({ eventId, via, displayName }, deps)).participant;
}

let keyN = 0;
const newKey = () => `qa-api-test-key-${++keyN}`;

/**
 * A phone asks (Q2): text and name go through the socket's schemas first. A fresh participant
 * per question unless one is given, so the per-participant limit (Q4) never gets in the way. A
 * few milliseconds apart, the order by time is certain.
 */
async function ask(sessionId: string, text: string, opts: { via?: 'room' | 'online'; name?: string | null; who?: Participant } = {}): Promise<MyQuestion> {
	const p = opts.who ?? (await participant(opts.via ?? 'room'));
	const q = await askQuestion(
		{
			participantId: p.id,
			eventId: p.eventId,
			channel: p.channel,
			sessionId,
			text: questionText.parse(text),
			name: askerName.parse(opts.name ?? null),
			key: newKey()
		},
		deps
	);
	await new Promise((r) => setTimeout(r, 3));
	return q;
}

/** `n` participants upvote the question. */
async function upvote(questionId: string, n: number): Promise<void> {
	for (let i = 0; i < n; i++) {
		const p = await participant();
		await upvoteQuestion({ participantId: p.id, eventId: p.eventId, questionId, up: true, key: newKey() }, deps);
	}
}

async function moderate(questionId: string, body: unknown, token = ownerToken): Promise<Question> {
	const res = await api<Question>('POST', `/questions/${questionId}/moderate`, { body, token });
	expect(res.status, res.text).toBe(200);
	return res.json;
}

const getQuestion = async (id: string) => (await api<Question>('GET', `/questions/${id}`)).json;
const list = async (sessionId: string, query = '') => (await api<List>('GET', `/sessions/${sessionId}/questions${query}`)).json;
const ids = (qs: { id: string }[]) => qs.map((q) => q.id);

let cast: ApiCast | null = null;

beforeAll(async () => {
	cast = await startApiCast(EVENT, { lead: 'Workshop A: Radwege', elsewhere: 'Fremder Programmpunkt' }, (eventId, title, ownerId, d) =>
		newSession(title, eventId, ownerId, d)
	);
	({
		running,
		deps,
		api,
		owner,
		ownerToken,
		ownerCookie,
		event,
		leadSession,
		elsewhere,
		elsewhereSession,
		otherModeratorToken,
		leadToken,
		leadCookie,
		strangerToken,
		strangerCookie
	} = cast);
});

afterAll(async () => {
	await cast?.close();
});

describe('question endpoints', () => {
	it('Q5 Q7 Q8: the list holds every question with the settings, filtered by state and in three orders', async () => {
		const s = await newSession();
		const r1 = await ask(s.id, '  Wann kommen die Radwege?  ', { name: 'Anna' });
		const r2 = await ask(s.id, 'Was kostet das Busnetz?');
		const o1 = await ask(s.id, 'Frage aus dem Stream', { via: 'online' });
		const x = await ask(s.id, 'Schon beantwortet?');
		const flagged = await ask(s.id, 'So ein Idiot!');
		await upvote(r1.id, 3);
		await upvote(r2.id, 2);
		await upvote(o1.id, 1);
		const answered = await moderate(x.id, { action: 'answer' });
		expect(answered).toMatchObject({ status: 'answered', pinned: false });
		expect(answered.answeredAt).toMatch(ISO);

		const res = await api<List>('GET', `/sessions/${s.id}/questions`);
		expect(res.status, res.text).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.json.settings).toEqual({ sessionId: s.id, enabled: true, moderation: 'post' });
		// Default order: by votes, older first on a tie (the pending one has no votes yet).
		expect(ids(res.json.questions)).toEqual([r1.id, r2.id, o1.id, x.id, flagged.id]);
		const first = res.json.questions[0]!;
		expect(first).toEqual({
			id: r1.id,
			sessionId: s.id,
			text: 'Wann kommen die Radwege?',
			name: 'Anna',
			channel: 'room',
			votes: 3,
			status: 'approved',
			pinned: false,
			reply: null,
			edited: false,
			hideReason: null,
			flagged: false,
			createdAt: new Date(r1.createdAt).toISOString(),
			answeredAt: null
		});
		expect(first.createdAt).toMatch(ISO);
		// Q6: the word list held one back, also in post-moderation.
		expect(res.json.questions[4]).toMatchObject({ id: flagged.id, status: 'pending', flagged: true });
		expect(await getQuestion(r1.id)).toEqual(first);

		expect(ids((await list(s.id, '?order=time')).questions)).toEqual([flagged.id, x.id, o1.id, r2.id, r1.id]);
		// Q7: room and online in turn, the room first (its best has more votes); the rest by votes after.
		expect(ids((await list(s.id, '?order=fair')).questions)).toEqual([r1.id, o1.id, r2.id, x.id, flagged.id]);
		expect(ids((await list(s.id, '?order=fair&status=approved')).questions)).toEqual([r1.id, o1.id, r2.id]);
		expect(ids((await list(s.id, '?status=answered')).questions)).toEqual([x.id]);
		expect(ids((await list(s.id, '?status=pending')).questions)).toEqual([flagged.id]);
		expect((await list(s.id, '?status=hidden')).questions).toEqual([]);

		// Pinned first in every order.
		await moderate(r2.id, { action: 'pin' });
		expect(ids((await list(s.id)).questions)).toEqual([r2.id, r1.id, o1.id, x.id, flagged.id]);
		expect(ids((await list(s.id, '?order=fair')).questions).slice(0, 3)).toEqual([r2.id, r1.id, o1.id]);

		expect(await expectError(api('GET', `/sessions/${s.id}/questions?status=open`), 400, 'invalid_payload')).toMatch(/^status: /);
		expect(await expectError(api('GET', `/sessions/${s.id}/questions?order=random`), 400, 'invalid_payload')).toMatch(/^order: /);
	});

	it('Q5: hide with a reason the asker sees, approve back, answer, reopen, pin and unpin; 409 where the state does not allow it', async () => {
		const s = await newSession();
		const asker = await participant('online', 'Geheim');
		const q = await ask(s.id, 'Warum gibt es keine Nachtbusse?', { who: asker });
		expect(await moderate(q.id, { action: 'pin' })).toMatchObject({ status: 'approved', pinned: true });
		// Moderator actions set a state: the same action again is harmless.
		expect(await moderate(q.id, { action: 'pin' })).toMatchObject({ pinned: true });

		const hidden = await moderate(q.id, { action: 'hide', reason: 'off_topic' });
		expect(hidden).toMatchObject({ status: 'hidden', hideReason: 'off_topic', pinned: false });
		expect(await getQuestion(q.id)).toEqual(hidden);
		const mine = await myQuestions(s.id, asker.id, deps);
		expect(mine.questions.map((m) => [m.id, m.status, m.hideReason])).toEqual([[q.id, 'hidden', 'off_topic']]);

		await expectError(api('POST', `/questions/${q.id}/moderate`, { body: { action: 'pin' } }), 409, 'conflict');
		await expectError(api('POST', `/questions/${q.id}/moderate`, { body: { action: 'reopen' } }), 409, 'conflict');
		expect(await getQuestion(q.id)).toEqual(hidden);
		// Hide without a reason: "other".
		expect(await moderate(q.id, { action: 'approve' })).toMatchObject({ status: 'approved', hideReason: null });
		expect(await moderate(q.id, { action: 'hide' })).toMatchObject({ status: 'hidden', hideReason: 'other' });
		expect(await moderate(q.id, { action: 'approve' })).toMatchObject({ status: 'approved', hideReason: null });

		await moderate(q.id, { action: 'pin' });
		const answered = await moderate(q.id, { action: 'answer' });
		expect(answered).toMatchObject({ status: 'answered', pinned: false });
		expect(answered.answeredAt).toMatch(ISO);
		expect((await moderate(q.id, { action: 'answer' })).answeredAt).toBe(answered.answeredAt);
		const reopened = await moderate(q.id, { action: 'reopen' });
		expect(reopened).toMatchObject({ status: 'approved', answeredAt: null });
		await expectError(api('POST', `/questions/${q.id}/moderate`, { body: { action: 'reopen' } }), 409, 'conflict');
		await moderate(q.id, { action: 'pin' });
		expect(await moderate(q.id, { action: 'unpin' })).toMatchObject({ status: 'approved', pinned: false });
		expect(await getQuestion(q.id)).toEqual({ ...reopened, pinned: false });
	});

	it('Q8: a reply is set, replaced and removed, and comes back exactly as typed', async () => {
		const s = await newSession();
		const q = await ask(s.id, 'Gibt es die Folien?');
		const reply = async (value: string | null) => {
			const res = await api<Question>('POST', `/questions/${q.id}/reply`, { body: { reply: value } });
			expect(res.status, res.text).toBe(200);
			return res.json;
		};
		expect((await reply('  Ja, ab morgen.  ')).reply).toBe('Ja, ab morgen.');
		const literal = '<script>alert(1)</script>\n<img src=x onerror=alert(1)> javascript:alert(1)';
		expect(await reply(literal)).toMatchObject({ id: q.id, reply: literal, status: 'approved' });
		expect((await getQuestion(q.id)).reply).toBe(literal);
		expect((await reply(null)).reply).toBeNull();
		expect((await getQuestion(q.id)).reply).toBeNull();
	});

	it('Q3: the settings are read and changed; pre-moderation holds new questions, switched off refuses them', async () => {
		const s = await newSession();
		const path = `/sessions/${s.id}/qa`;
		const get = async () => (await api<Settings>('GET', path)).json;
		expect(await get()).toEqual({ sessionId: s.id, enabled: true, moderation: 'post' });

		const pre = await api<Settings>('PATCH', path, { body: { moderation: 'pre' } });
		expect(pre.status, pre.text).toBe(200);
		expect(pre.json).toEqual({ sessionId: s.id, enabled: true, moderation: 'pre' });
		const held = await ask(s.id, 'Wartet diese Frage?');
		expect(held.status).toBe('pending');
		expect((await list(s.id)).settings.moderation).toBe('pre');

		expect((await api<Settings>('PATCH', path, { body: { enabled: false } })).json).toEqual({ sessionId: s.id, enabled: false, moderation: 'pre' });
		await expect(ask(s.id, 'Noch eine?')).rejects.toMatchObject({ code: 'conflict' });
		expect((await api<Settings>('PATCH', path, { body: {} })).json).toEqual({ sessionId: s.id, enabled: false, moderation: 'pre' });

		expect(await expectError(api('PATCH', path, { body: { enabled: 'yes' } }), 400, 'invalid_payload')).toMatch(/^enabled: /);
		expect(await expectError(api('PATCH', path, { body: { moderation: 'later' } }), 400, 'invalid_payload')).toMatch(/^moderation: /);
		expect(await expectError(api('PATCH', path, { body: { mode: 'post' } }), 400, 'invalid_payload')).toMatch(/^mode: unknown or read-only field/);
		expect(await expectError(api('PATCH', path, { body: { enabled: true, sessionId: 'x' } }), 400, 'invalid_payload')).toMatch(/^sessionId: /);
		expect(await expectError(api('PATCH', path, { body: [] }), 400, 'invalid_payload')).toBe('the body must be a JSON object');
		expect(await get()).toEqual({ sessionId: s.id, enabled: false, moderation: 'pre' });

		expect((await api<Settings>('PATCH', path, { body: { enabled: true, moderation: 'post' } })).json).toEqual({
			sessionId: s.id,
			enabled: true,
			moderation: 'post'
		});
		expect((await ask(s.id, 'Jetzt sofort sichtbar?')).status).toBe('approved');
	});

	it('Q9: highlighting puts a question on the stage, approving a waiting one; a hidden one is refused; top five only', async () => {
		const s = await newSession();
		await api('PATCH', `/sessions/${s.id}/qa`, { body: { moderation: 'pre' } });
		const waiting = await ask(s.id, 'Was passiert mit der Straßenbahn?');
		const res = await api<Stage>('POST', `/questions/${waiting.id}/highlight`, { body: { top: true } });
		expect(res.status, res.text).toBe(200);
		expect(res.json).toEqual({ sessionId: s.id, version: res.json.version, state: { mode: 'question', questionId: waiting.id, top: true } });
		expect(await getStage(s.id, deps)).toEqual(res.json);
		expect((await getQuestion(waiting.id)).status).toBe('approved');

		// Without a body: no top five.
		const plain = await api<Stage>('POST', `/questions/${waiting.id}/highlight`);
		expect(plain.status, plain.text).toBe(200);
		expect(plain.json.state).toEqual({ mode: 'question', questionId: waiting.id, top: false });
		expect(plain.json.version).toBe(res.json.version + 1);

		const hidden = await ask(s.id, 'Unpassend');
		await moderate(hidden.id, { action: 'hide', reason: 'offensive' });
		await expectError(api('POST', `/questions/${hidden.id}/highlight`, { body: { top: true } }), 409, 'conflict');
		await expectError(api('POST', `/questions/${waiting.id}/highlight`, { body: { expectedVersion: 0 } }), 409, 'stale_version');
		expect(await expectError(api('POST', `/questions/${waiting.id}/highlight`, { body: { top: 'yes' } }), 400, 'invalid_payload')).toMatch(/^top: /);
		expect(await expectError(api('POST', `/questions/${waiting.id}/highlight`, { body: { questionId: 'x' } }), 400, 'invalid_payload')).toMatch(
			/^questionId: unknown or read-only field/
		);
		expect(await getStage(s.id, deps)).toEqual(plain.json);
		expect((await getQuestion(hidden.id)).status).toBe('hidden');

		const top = await api<Stage>('POST', `/sessions/${s.id}/questions/top`, { body: { expectedVersion: plain.json.version } });
		expect(top.status, top.text).toBe(200);
		expect(top.json).toEqual({ sessionId: s.id, version: plain.json.version + 1, state: { mode: 'question', questionId: null, top: true } });
		const again = await api<Stage>('POST', `/sessions/${s.id}/questions/top`);
		expect(again.status, again.text).toBe(200);
		expect(again.json.state).toEqual({ mode: 'question', questionId: null, top: true });
		await expectError(api('POST', `/sessions/${s.id}/questions/top`, { body: { top: false } }), 400, 'invalid_payload');
		expect(await getStage(s.id, deps)).toEqual(again.json);
	});

	it('Q5 Q8: invalid moderation and reply bodies are refused with invalid_payload and change nothing', async () => {
		const s = await newSession();
		const q = await ask(s.id, 'Bleibt alles, wie es ist?');
		const before = await getQuestion(q.id);
		const mod = (body: unknown) => api('POST', `/questions/${q.id}/moderate`, { body });
		const rep = (body: unknown) => api('POST', `/questions/${q.id}/reply`, { body });
		expect(await expectError(mod({ action: 'delete' }), 400, 'invalid_payload')).toMatch(/^action: /);
		expect(await expectError(mod({}), 400, 'invalid_payload')).toMatch(/^action: /);
		expect(await expectError(mod({ action: 'hide', reason: 'rude' }), 400, 'invalid_payload')).toMatch(/^reason: /);
		expect(await expectError(mod({ action: 'approve', reason: 'off_topic' }), 400, 'invalid_payload')).toBe('reason: a reason goes only with the action hide');
		expect(await expectError(mod({ action: 'pin', status: 'answered' }), 400, 'invalid_payload')).toMatch(/^status: unknown or read-only field/);
		expect(await expectError(mod('pin'), 400, 'invalid_payload')).toBe('the body must be a JSON object');
		await expectError(api('POST', `/questions/${q.id}/moderate`), 400, 'invalid_payload');
		expect(await expectError(rep({ reply: '   ' }), 400, 'invalid_payload')).toMatch(/^reply: /);
		expect(await expectError(rep({ reply: 'x'.repeat(1001) }), 400, 'invalid_payload')).toMatch(/^reply: /);
		expect(await expectError(rep({ reply: 42 }), 400, 'invalid_payload')).toMatch(/^reply: /);
		expect(await expectError(rep({}), 400, 'invalid_payload')).toMatch(/^reply: /);
		expect(await expectError(rep({ reply: 'Ja', text: 'anders' }), 400, 'invalid_payload')).toMatch(/^text: unknown or read-only field/);
		expect(await getQuestion(q.id)).toEqual(before);
		// Exactly at the limit is fine.
		expect((await api<Question>('POST', `/questions/${q.id}/reply`, { body: { reply: 'x'.repeat(1000) } })).json.reply).toHaveLength(1000);
	});
});

describe('question rights', () => {
	const questionEndpoints = (id: string): [string, string, unknown?][] => [
		['GET', `/questions/${id}`],
		['POST', `/questions/${id}/moderate`, { action: 'hide', reason: 'other' }],
		['POST', `/questions/${id}/reply`, { reply: 'Übernommen' }],
		['POST', `/questions/${id}/highlight`, { top: true }]
	];
	const sessionEndpoints = (id: string): [string, string, unknown?][] => [
		['GET', `/sessions/${id}/questions`],
		['POST', `/sessions/${id}/questions/top`, {}],
		['GET', `/sessions/${id}/qa`],
		['PATCH', `/sessions/${id}/qa`, { enabled: false }],
		['GET', `/sessions/${id}/questions/export.csv`],
		['GET', `/sessions/${id}/questions/export.json`]
	];

	it('S3: a moderator of another event and a stranger get 404 on every question endpoint, as for an unknown id', async () => {
		const s = await newSession();
		const q = await ask(s.id, 'Geheime Frage?');
		const stageBefore = await getStage(s.id, deps);
		const unknownQuestion = await expectError(api('GET', '/questions/no-such-question'), 404, 'not_found');
		const unknownSession = await expectError(api('GET', '/sessions/no-such-session/questions'), 404, 'not_found');
		const unknownEvent = await expectError(api('GET', '/events/no-such-event/questions/export.csv'), 404, 'not_found');
		for (const token of [otherModeratorToken, strangerToken]) {
			for (const [method, path, body] of questionEndpoints(q.id))
				expect(await expectError(api(method, path, { token, body }), 404, 'not_found'), `${method} ${path}`).toBe(unknownQuestion);
			for (const [method, path, body] of sessionEndpoints(s.id))
				expect(await expectError(api(method, path, { token, body }), 404, 'not_found'), `${method} ${path}`).toBe(unknownSession);
			for (const fmt of ['csv', 'json'])
				expect(await expectError(api('GET', `/events/${event.id}/questions/export.${fmt}`, { token }), 404, 'not_found')).toBe(unknownEvent);
		}
		expect(await getQuestion(q.id)).toMatchObject({ status: 'approved', reply: null });
		expect((await api<Settings>('GET', `/sessions/${s.id}/qa`)).json.enabled).toBe(true);
		expect(await getStage(s.id, deps)).toEqual(stageBefore);
		// The same token does reach the questions of its own event: the 404s above are about membership.
		const foreign = await ask(elsewhereSession.id, 'Fremde Frage?', { who: await participant('room', null, elsewhere.id) });
		expect((await api<Question>('GET', `/questions/${foreign.id}`, { token: otherModeratorToken })).json.text).toBe('Fremde Frage?');
		expect((await api<List>('GET', `/sessions/${elsewhereSession.id}/questions`, { token: otherModeratorToken })).status).toBe(200);
	});

	it("AT1 AC3: a workshop lead's token moderates the questions of their session only (403 elsewhere)", async () => {
		const mine = await ask(leadSession.id, 'Wie breit wird der Radweg?');
		expect(await moderate(mine.id, { action: 'pin' }, leadToken)).toMatchObject({ pinned: true });
		expect((await api('POST', `/questions/${mine.id}/reply`, { token: leadToken, body: { reply: 'Zwei Meter.' } })).status).toBe(200);
		expect((await api('POST', `/questions/${mine.id}/highlight`, { token: leadToken, body: {} })).status).toBe(200);
		expect((await api<List>('GET', `/sessions/${leadSession.id}/questions`, { token: leadToken })).json.questions.map((q) => q.id)).toContain(mine.id);
		expect((await api('GET', `/sessions/${leadSession.id}/questions/export.csv`, { token: leadToken })).status).toBe(200);
		expect((await api<Settings>('PATCH', `/sessions/${leadSession.id}/qa`, { token: leadToken, body: { moderation: 'post' } })).status).toBe(200);

		const s = await newSession();
		const theirs = await ask(s.id, 'Plenum?');
		const before = await getQuestion(theirs.id);
		for (const [method, path, body] of [...questionEndpoints(theirs.id), ...sessionEndpoints(s.id)])
			await expectError(api(method, path, { token: leadToken, body }), 403, 'forbidden');
		expect(await getQuestion(theirs.id)).toEqual(before);
		expect((await api<Settings>('GET', `/sessions/${s.id}/qa`)).json.enabled).toBe(true);

		// The event-wide export of a lead holds their session only.
		const doc = (await api<QuestionsExport>('GET', `/events/${event.id}/questions/export.json`, { token: leadToken })).json;
		expect(doc.questions.map((q) => q.id)).toContain(mine.id);
		expect(doc.questions.every((q) => q.session.id === leadSession.id)).toBe(true);
	});

	it('answers a method a route does not have with a JSON 405 listing the allowed ones', async () => {
		const s = await newSession();
		const q = await ask(s.id, 'Methoden?');
		const routes: [string, string, string[]][] = [
			['POST', `/sessions/${s.id}/questions`, ['GET', 'HEAD']],
			['GET', `/sessions/${s.id}/questions/top`, ['POST']],
			['POST', `/sessions/${s.id}/questions/export.csv`, ['GET', 'HEAD']],
			['DELETE', `/sessions/${s.id}/questions/export.json`, ['GET', 'HEAD']],
			['POST', `/sessions/${s.id}/qa`, ['GET', 'PATCH', 'HEAD']],
			['PUT', `/sessions/${s.id}/qa`, ['GET', 'PATCH', 'HEAD']],
			['DELETE', `/questions/${q.id}`, ['GET', 'HEAD']],
			['PATCH', `/questions/${q.id}`, ['GET', 'HEAD']],
			['GET', `/questions/${q.id}/moderate`, ['POST']],
			['PUT', `/questions/${q.id}/reply`, ['POST']],
			['GET', `/questions/${q.id}/highlight`, ['POST']],
			['POST', `/events/${event.id}/questions/export.csv`, ['GET', 'HEAD']],
			['POST', `/events/${event.id}/questions/export.json`, ['GET', 'HEAD']]
		];
		for (const [method, path, allow] of routes) {
			const res = await api(method, path, { body: method === 'GET' ? undefined : {} });
			expect(res.status, `${method} ${path}`).toBe(405);
			expect((res.json as ErrorBody).error.code).toBe('method_not_allowed');
			expect(res.headers.get('allow')?.split(', ').sort(), `${method} ${path}`).toEqual([...allow].sort());
		}
		expect(await getQuestion(q.id)).toMatchObject({ status: 'approved', text: 'Methoden?' });
	});
});

describe('question exports', () => {
	let s: SessionRecord;
	const asked: MyQuestion[] = [];
	/** [text, name given when asking, channel]; every asker has a display name that must never appear. */
	const QUESTIONS: [string, string | null, 'room' | 'online'][] = [
		['=1+1', '@SUM(A1:A2)', 'room'],
		['-2', null, 'online'],
		['+3', '-Carla', 'room'],
		['<script>alert(1)</script>', 'Dora', 'online'],
		['<img src=x onerror=alert(1)>', null, 'room'],
		['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>', null, 'room'],
		['javascript:alert(1)', null, 'online'],
		['Rechnung\u202Efdp.exe', null, 'room'],
		['Null\u200Bbreite\u200BZeichen', null, 'room'],
		['Donaudampfschifffahrtsgesellschaft'.repeat(15).slice(0, 500), null, 'online'],
		['Zeile 1\nZeile 2, "zitiert"; mit Ümlaut', 'Émile', 'room']
	];
	const HYPERLINK = '=HYPERLINK("http://evil.example","klick")';
	const secretName = (i: number) => `Anzeigename-${i}-7f3a`;
	const people: Participant[] = [];

	beforeAll(async () => {
		s = await newSession('Fragen & Antworten');
		for (const [i, [text, name, via]] of QUESTIONS.entries()) {
			const p = await participant(via, secretName(i));
			people.push(p);
			asked.push(await ask(s.id, text, { who: p, name }));
		}
		await moderate(asked[0]!.id, { action: 'answer' });
		await api('POST', `/questions/${asked[0]!.id}/reply`, { body: { reply: HYPERLINK } });
		await moderate(asked[4]!.id, { action: 'hide', reason: 'offensive' });
		await upvote(asked[1]!.id, 2);
		await ask(elsewhereSession.id, 'Fremd?', { who: await participant('room', null, elsewhere.id) });
	});

	function expectNoIdentities(text: string) {
		for (const p of people) expect(text).not.toContain(p.id);
		for (let i = 0; i < QUESTIONS.length; i++) expect(text).not.toContain(secretName(i));
	}

	it('Q10 P10: the CSV of a session holds every question, names only where given, and neutralised cells', async () => {
		const res = await api('GET', `/sessions/${s.id}/questions/export.csv`);
		expect(res.status, res.text).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="plenum-questions-buergerforum-mobilitaet-2026-fragen-antworten.csv"');
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.text.startsWith('\uFEFF')).toBe(true);
		const rows = parseCsv(res.text);
		expect(rows[0]).toEqual(COLUMNS);
		for (const row of rows) for (const cell of row) expect(FORMULA_START.test(cell), JSON.stringify(cell)).toBe(false);
		const records = csvRecords(res.text);
		const plain = (t: string) => (FORMULA_START.test(t) ? `'${t}` : t);
		expect(records.map((r) => r.question)).toEqual(QUESTIONS.map(([t]) => plain(t)));
		expect(records.map((r) => r.name)).toEqual(QUESTIONS.map(([, n]) => (n === null ? '' : plain(n))));
		expect(records.map((r) => r.channel)).toEqual(QUESTIONS.map(([, , c]) => c));
		expect(records.map((r) => r.question_id)).toEqual(asked.map((q) => q.id));
		expect(records[0]).toMatchObject({ status: 'answered', reply: `'${HYPERLINK}`, hide_reason: '', votes: '0' });
		expect(records[0]!.answered_at).toMatch(ISO);
		expect(records[1]).toMatchObject({ status: 'approved', votes: '2', answered_at: '', reply: '' });
		expect(records[4]).toMatchObject({ status: 'hidden', hide_reason: 'offensive' });
		for (const r of records) {
			expect(r.session).toBe('Fragen & Antworten');
			expect(r.created_at).toMatch(ISO);
		}
		expect(records[9]!.question).toHaveLength(500);
		expectNoIdentities(res.text);

		const semi = await api('GET', `/sessions/${s.id}/questions/export.csv?delimiter=semicolon`);
		expect(csvRecords(semi.text, ';').map((r) => r.question)).toEqual(records.map((r) => r.question));
		await expectError(api('GET', `/sessions/${s.id}/questions/export.csv?delimiter=tab`), 400, 'invalid_payload');
	});

	it('Q10: the JSON of a session holds the same fields, exactly as typed', async () => {
		const res = await api<QuestionsExport>('GET', `/sessions/${s.id}/questions/export.json`);
		expect(res.status, res.text).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="plenum-questions-buergerforum-mobilitaet-2026-fragen-antworten.json"');
		const doc = res.json;
		expect(doc).toMatchObject({ format: 'plenum-questions', version: 1, event: { id: event.id, title: EVENT.title, timeZone: 'Europe/Berlin' } });
		expect(doc.exportedAt).toMatch(ISO);
		expect(doc.questions.map((q) => [q.text, q.name, q.channel])).toEqual(QUESTIONS);
		for (const q of doc.questions)
			expect(Object.keys(q).sort()).toEqual(['answeredAt', 'channel', 'createdAt', 'hideReason', 'id', 'name', 'reply', 'session', 'status', 'text', 'votes']);
		expect(doc.questions[0]).toMatchObject({ id: asked[0]!.id, session: { id: s.id, title: 'Fragen & Antworten' }, status: 'answered', reply: HYPERLINK });
		expect(doc.questions[4]).toMatchObject({ status: 'hidden', hideReason: 'offensive', answeredAt: null });
		expect(doc.questions[1]!.votes).toBe(2);
		expectNoIdentities(res.text);
	});

	it('Q10: the event export holds the questions of every session of the event, none of another event', async () => {
		const csv = await api('GET', `/events/${event.id}/questions/export.csv`);
		expect(csv.status, csv.text).toBe(200);
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="plenum-questions-buergerforum-mobilitaet-2026.csv"');
		const json = await api<QuestionsExport>('GET', `/events/${event.id}/questions/export.json`);
		const idsInDoc = json.json.questions.map((q) => q.id);
		// A session's questions stay together and in their order.
		const ofSession = json.json.questions.filter((q) => q.session.id === s.id).map((q) => q.id);
		expect(ofSession).toEqual(asked.map((q) => q.id));
		const first = idsInDoc.indexOf(asked[0]!.id);
		expect(idsInDoc.slice(first, first + asked.length)).toEqual(ofSession);
		expect(json.json.questions.every((q) => q.session.id !== elsewhereSession.id)).toBe(true);
		expect(csvRecords(csv.text).map((r) => r.question_id)).toEqual(idsInDoc);
		expectNoIdentities(csv.text);
	});

	it('Q10 AC3 S3: staff download the same files signed in; a lead gets their sessions only', async () => {
		const path = `/admin/events/${event.id}/export/questions.csv`;
		const session = await staffGet(`${path}?session=${s.id}`, ownerCookie);
		expect(session.status).toBe(200);
		expect(session.headers.get('content-disposition')).toBe('attachment; filename="plenum-questions-buergerforum-mobilitaet-2026-fragen-antworten.csv"');
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await session.arrayBuffer());
		expect(text).toBe((await api('GET', `/sessions/${s.id}/questions/export.csv`)).text);

		const all = await staffGet(`/admin/events/${event.id}/export/questions.json`, ownerCookie);
		expect(all.status).toBe(200);
		const doc = (await all.json()) as QuestionsExport;
		for (const q of asked) expect(doc.questions.map((d) => d.id)).toContain(q.id);

		const anonymousVisit = await staffGet(path, null);
		expect(anonymousVisit.status).toBe(303);
		expect(anonymousVisit.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
		expect((await staffGet(path, strangerCookie)).status).toBe(404);
		expect((await staffGet(`${path}?session=${elsewhereSession.id}`, ownerCookie)).status).toBe(404);
		expect((await staffGet(`${path}?delimiter=tab`, ownerCookie)).status).toBe(400);

		await ask(leadSession.id, 'Frage im Workshop?');
		const lead = await staffGet(`/admin/events/${event.id}/export/questions.json`, leadCookie);
		expect(lead.status).toBe(200);
		const leadDoc = (await lead.json()) as QuestionsExport;
		expect(leadDoc.questions.length).toBeGreaterThan(0);
		expect(leadDoc.questions.every((q) => q.session.id === leadSession.id)).toBe(true);
		expect((await staffGet(`${path}?session=${s.id}`, leadCookie)).status).toBe(403);
		expect((await staffGet(`${path}?session=${leadSession.id}`, leadCookie)).status).toBe(200);
	});
});
