/**
 * Q&A rules Q1–Q9 on SQLite and PostgreSQL (one suite, two engines): upvotes under concurrency
 * (R7), idempotency (R4), rate limits per participant (S7), moderation, the word list and access.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_DBS, emptyAllTables } from '../support/databases.ts';
import { testDeps } from '../support/deps.ts';
import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import * as invites from '../../src/lib/server/invites/service.ts';
import { joinEvent } from '../../src/lib/server/participants/service.ts';
import { askQuestion, deleteQuestion, editQuestion } from '../../src/lib/server/qa/ask.ts';
import { upvoteQuestion } from '../../src/lib/server/qa/upvote.ts';
import { highlightQuestion, moderateQuestion, replyToQuestion } from '../../src/lib/server/qa/moderation.ts';
import { myQuestions, publicQuestions, staffQuestions } from '../../src/lib/server/qa/read.ts';
import { getQaSettings, setQaSettings, setWordList } from '../../src/lib/server/qa/settings.ts';
import { QA_RATE_DEFAULTS } from '../../src/lib/server/config.ts';
import { getStage } from '../../src/lib/server/stage/service.ts';

const PASSWORD = 'correct horse battery';
const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2026-08-01' };
const SESSION = { kind: 'plenary' as const, title: 'S', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null };
let keyN = 0;
const key = () => `key-${++keyN}-${Math.random().toString(36).slice(2)}`;
type P = { id: string; eventId: string; channel: 'room' | 'online' };

describe.each(ALL_DBS)('Q&A contract on $name', (engine) => {
	let h: DbHandle & { drop(): Promise<void> };
	let t: ReturnType<typeof testDeps>;
	let ownerId: string;
	let eventId: string;
	let sessionId: string;

	beforeAll(async () => {
		h = await engine.open();
	});
	afterAll(async () => {
		await h.close();
		await h.drop();
	});
	beforeEach(async () => {
		await emptyAllTables(h.db);
		t = testDeps(h);
		ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: PASSWORD }, t.deps)).id;
		eventId = (await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, t.deps)).id;
		sessionId = (await events.createSession(eventId, SESSION, ownerId, t.deps)).id;
	});

	const participant = async (via: 'room' | 'online' = 'room', ev = eventId): Promise<P> => (await joinEvent({ eventId: ev, via }, t.deps)).participant;
	const ask = (p: P, text = 'Wie geht es weiter?', k = key(), sid = sessionId) =>
		askQuestion({ participantId: p.id, eventId: p.eventId, channel: p.channel, sessionId: sid, text, name: null, key: k }, t.deps);
	const upvote = (p: P, questionId: string, up = true, k = key()) =>
		upvoteQuestion({ participantId: p.id, eventId: p.eventId, questionId, up, key: k }, t.deps);
	const countRows = async (questionId: string) =>
		(await h.db.selectFrom('question_upvotes').select('participant_id').where('question_id', '=', questionId).execute()).length;
	const votesOf = async (questionId: string) =>
		Number((await h.db.selectFrom('questions').select('upvotes').where('id', '=', questionId).executeTakeFirstOrThrow()).upvotes);

	it('Q1/R7: 200 participants upvote one question at once and one of them sends 50 upvotes: count 200, that one counted once', async () => {
		const asker = await participant();
		const q = await ask(asker);
		const people = await Promise.all(Array.from({ length: 200 }, (_, i) => participant(i % 2 ? 'room' : 'online')));
		const eager = people[0]!;
		const sends = [...people.map((p) => upvote(p, q.id)), ...Array.from({ length: 49 }, () => upvote(eager, q.id))];
		const settled = await Promise.allSettled(sends);
		expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
		expect(await votesOf(q.id)).toBe(200);
		expect(await countRows(q.id)).toBe(200);
		const mine = await h.db.selectFrom('question_upvotes').select('question_id').where('participant_id', '=', eager.id).execute();
		expect(mine).toHaveLength(1);
	});

	it('Q1: taking an upvote back lowers the count once; the count always equals the rows', async () => {
		const q = await ask(await participant());
		const [a, b] = [await participant(), await participant('online')];
		await upvote(a, q.id);
		await upvote(b, q.id);
		const down = await Promise.all([upvote(a, q.id, false), upvote(a, q.id, false), upvote(a, q.id, false)]);
		expect(down.at(-1)).toMatchObject({ questionId: q.id, up: false });
		expect(await votesOf(q.id)).toBe(1);
		expect(await countRows(q.id)).toBe(1);
		expect((await myQuestions(sessionId, b.id, t.deps)).upvoted).toEqual([q.id]);
		expect((await myQuestions(sessionId, a.id, t.deps)).upvoted).toEqual([]);
	});

	it('Q2/R4: one question sent ten times with one key (also at once) is stored once, and every send gets the same answer', async () => {
		const p = await participant();
		const k = key();
		const answers = [...(await Promise.all(Array.from({ length: 5 }, () => ask(p, 'Eine Frage', k))))];
		for (let i = 0; i < 5; i++) answers.push(await ask(p, 'Eine andere Frage', k));
		for (const a of answers) expect(a).toEqual(answers[0]);
		const rows = await h.db.selectFrom('questions').select(['id', 'text']).execute();
		expect(rows).toEqual([{ id: answers[0]!.id, text: 'Eine Frage' }]);
	});

	it('Q2: an upvote repeated with its key after being taken back changes nothing; a key of another action is refused', async () => {
		const q = await ask(await participant());
		const a = await participant();
		const k = key();
		const first = await upvote(a, q.id, true, k);
		await upvote(a, q.id, false);
		expect(await upvote(a, q.id, true, k)).toEqual(first);
		expect(await votesOf(q.id)).toBe(0);
		await expect(ask(a, 'x', k)).rejects.toMatchObject({ code: 'invalid_payload' });
		expect(await h.db.selectFrom('questions').select('id').execute()).toHaveLength(1);
	});

	it('Q4/S7: the sixth question in a minute is refused with rate_limited and a retry-after, and stores nothing; a minute later it passes', async () => {
		const p = await participant();
		for (let i = 0; i < QA_RATE_DEFAULTS.questionsPerMinute; i++) await ask(p, `Frage ${i}`);
		const err = await ask(p, 'eine zu viel').catch((e: unknown) => e);
		expect(err).toMatchObject({ code: 'rate_limited' });
		expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
		expect((err as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(60_000);
		expect(await h.db.selectFrom('questions').select('id').execute()).toHaveLength(QA_RATE_DEFAULTS.questionsPerMinute);
		// Another participant (same venue, same IP in real life) is not affected.
		await ask(await participant(), 'Ich darf');
		t.clock.advance(60_000);
		await ask(p, 'jetzt wieder');
		expect(await h.db.selectFrom('questions').select('id').execute()).toHaveLength(QA_RATE_DEFAULTS.questionsPerMinute + 2);
	});

	it('Q4/S7: upvotes over the limit are refused with rate_limited and change nothing', async () => {
		const asker = await participant();
		const qs = [];
		for (let i = 0; i < 5; i++) {
			qs.push(await ask(asker, `F${i}`));
			t.clock.advance(60_000);
		}
		const p = await participant();
		for (let i = 0; i < QA_RATE_DEFAULTS.upvotesPerMinute; i++) await upvote(p, qs[i % 5]!.id, i % 2 === 0);
		const before = await Promise.all(qs.map((q) => votesOf(q.id)));
		await expect(upvote(p, qs[1]!.id, true)).rejects.toMatchObject({ code: 'rate_limited' });
		expect(await Promise.all(qs.map((q) => votesOf(q.id)))).toEqual(before);
	});

	it('Q3: post-moderation shows a question at once, pre-moderation holds it; a closed Q&A refuses questions and upvotes', async () => {
		const p = await participant();
		const shown = await ask(p, 'sofort sichtbar');
		expect(shown.status).toBe('approved');
		await setQaSettings(sessionId, { moderation: 'pre' }, ownerId, t.deps);
		const held = await ask(p, 'wartet');
		expect(held.status).toBe('pending');
		expect((await publicQuestions(sessionId, t.deps)).questions.map((q) => q.id)).toEqual([shown.id]);
		await setQaSettings(sessionId, { enabled: false }, ownerId, t.deps);
		expect(await getQaSettings(sessionId, t.deps)).toEqual({ sessionId, enabled: false, moderation: 'pre' });
		await expect(ask(p, 'zu spät')).rejects.toMatchObject({ code: 'conflict' });
		await expect(upvote(await participant(), shown.id)).rejects.toMatchObject({ code: 'conflict' });
		expect(t.publisher.questions.map((c) => c.sessionId)).toContain(sessionId);
	});

	it('Q6: a question matching the word list waits for moderation even in post-moderation; the event can change or empty the list', async () => {
		const p = await participant();
		const caught = await ask(p, 'Was für ein I\u200Bdiot-Vorschlag!');
		expect(caught).toMatchObject({ status: 'pending', flagged: true });
		expect(await ask(p, 'Was für ein Spaß!')).toMatchObject({ status: 'approved', flagged: false });
		await setWordList(eventId, 'Tomate\nrote bete', ownerId, t.deps);
		expect(await ask(p, 'Rote   Bete oder Tomaten?')).toMatchObject({ status: 'pending', flagged: true });
		expect(await ask(p, 'Du Idiot')).toMatchObject({ status: 'approved', flagged: false });
		await setWordList(eventId, '', ownerId, t.deps);
		t.clock.advance(60_000);
		expect(await ask(p, 'rote bete')).toMatchObject({ status: 'approved' });
	});

	it('Q5: the asker edits and deletes their own question until it is answered, and sees why it was hidden', async () => {
		const p = await participant();
		const other = await participant();
		const q = await ask(p, 'Tippfehlr');
		const edited = await editQuestion({ participantId: p.id, questionId: q.id, text: 'Tippfehler', key: key() }, t.deps);
		expect(edited).toMatchObject({ text: 'Tippfehler', edited: true, status: 'approved' });
		await expect(editQuestion({ participantId: other.id, questionId: q.id, text: 'fremd', key: key() }, t.deps)).rejects.toMatchObject({ code: 'not_found' });
		await expect(deleteQuestion({ participantId: other.id, questionId: q.id, key: key() }, t.deps)).rejects.toMatchObject({ code: 'not_found' });
		await moderateQuestion(q.id, 'hide', 'off_topic', ownerId, t.deps);
		const mine = await myQuestions(sessionId, p.id, t.deps);
		expect(mine.questions[0]).toMatchObject({ id: q.id, status: 'hidden', hideReason: 'off_topic' });
		expect((await publicQuestions(sessionId, t.deps)).questions).toEqual([]);
		await moderateQuestion(q.id, 'approve', undefined, ownerId, t.deps);
		await moderateQuestion(q.id, 'answer', undefined, ownerId, t.deps);
		await expect(editQuestion({ participantId: p.id, questionId: q.id, text: 'neu', key: key() }, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		await expect(deleteQuestion({ participantId: p.id, questionId: q.id, key: key() }, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		const q2 = await ask(p, 'weg damit');
		await upvote(other, q2.id);
		const k = key();
		expect(await deleteQuestion({ participantId: p.id, questionId: q2.id, key: k }, t.deps)).toEqual({ questionId: q2.id });
		expect(await deleteQuestion({ participantId: p.id, questionId: q2.id, key: k }, t.deps)).toEqual({ questionId: q2.id });
		expect(await h.db.selectFrom('question_upvotes').select('question_id').execute()).toEqual([]);
	});

	it('Q5: in pre-moderation an edit of an approved question waits for approval again', async () => {
		await setQaSettings(sessionId, { moderation: 'pre' }, ownerId, t.deps);
		const p = await participant();
		const q = await ask(p, 'Frage');
		await moderateQuestion(q.id, 'approve', undefined, ownerId, t.deps);
		const e = await editQuestion({ participantId: p.id, questionId: q.id, text: 'Frage, ganz anders', key: key() }, t.deps);
		expect(e.status).toBe('pending');
	});

	it('Q5/Q9: reply, pin, answer; highlighting a waiting question approves it, a hidden one is refused', async () => {
		await setQaSettings(sessionId, { moderation: 'pre' }, ownerId, t.deps);
		const p = await participant('online');
		const q = await ask(p, 'Auf die Bühne?');
		const snap = await highlightQuestion(sessionId, q.id, true, ownerId, t.deps);
		expect(snap.state).toEqual({ mode: 'question', questionId: q.id, top: true });
		expect((await getStage(sessionId, t.deps)).state).toEqual(snap.state);
		expect((await publicQuestions(sessionId, t.deps)).questions[0]).toMatchObject({ id: q.id, status: 'approved', channel: 'online' });
		expect(await replyToQuestion(q.id, 'Ja.', ownerId, t.deps)).toMatchObject({ reply: 'Ja.' });
		expect(await moderateQuestion(q.id, 'pin', undefined, ownerId, t.deps)).toMatchObject({ pinned: true });
		expect(await moderateQuestion(q.id, 'answer', undefined, ownerId, t.deps)).toMatchObject({ status: 'answered', pinned: false });
		expect(await moderateQuestion(q.id, 'reopen', undefined, ownerId, t.deps)).toMatchObject({ status: 'approved', answeredAt: null });
		const h2 = await ask(p, 'versteckt');
		await moderateQuestion(h2.id, 'hide', 'offensive', ownerId, t.deps);
		await expect(highlightQuestion(sessionId, h2.id, false, ownerId, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		expect((await staffQuestions(sessionId, t.deps)).questions.map((x) => x.status).sort()).toEqual(['approved', 'hidden']);
	});

	it("S3/AC3: another event's participant cannot ask or upvote here; a workshop lead of another session cannot moderate", async () => {
		const q = await ask(await participant());
		const otherEvent = (await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, t.deps)).id;
		const stranger = await participant('room', otherEvent);
		await expect(ask(stranger)).rejects.toMatchObject({ code: 'not_found' });
		await expect(upvote(stranger, q.id)).rejects.toMatchObject({ code: 'not_found' });
		const workshop = await events.createSession(eventId, { ...SESSION, kind: 'workshop', title: 'W' }, ownerId, t.deps);
		const { token } = await invites.createInvite({ eventId, role: 'workshop_lead', sessionIds: [workshop.id] }, ownerId, t.deps);
		const lead = await invites.acceptInvite(token, { email: 'lead@x.de', name: 'L', password: PASSWORD }, t.deps);
		await expect(moderateQuestion(q.id, 'hide', 'other', lead.userId, t.deps)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(setWordList(eventId, 'x', lead.userId, t.deps)).rejects.toMatchObject({ code: 'forbidden' });
		const own = await ask(await participant(), 'im Workshop', key(), workshop.id);
		expect(await moderateQuestion(own.id, 'approve', undefined, lead.userId, t.deps)).toMatchObject({ status: 'approved' });
	});

	it('Q1: a pending or hidden question cannot be upvoted', async () => {
		await setQaSettings(sessionId, { moderation: 'pre' }, ownerId, t.deps);
		const q = await ask(await participant());
		await expect(upvote(await participant(), q.id)).rejects.toMatchObject({ code: 'not_found' });
		expect(await votesOf(q.id)).toBe(0);
	});
});
