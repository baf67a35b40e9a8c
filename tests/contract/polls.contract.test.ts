/**
 * Poll rules P1–P7 on SQLite and PostgreSQL (one suite, two engines), including the race of
 * votes against closes (R6) at the domain level.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_DBS, emptyAllTables } from '../support/databases.ts';
import { testDeps } from '../support/deps.ts';
import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import * as invites from '../../src/lib/server/invites/service.ts';
import { joinEvent } from '../../src/lib/server/participants/service.ts';
import * as polls from '../../src/lib/server/polls/service.ts';
import type { PollInput } from '../../src/lib/shared/polls.ts';

const PASSWORD = 'correct horse battery';
const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2026-08-01' };
const SESSION = { kind: 'plenary' as const, title: 'S', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null };
const SINGLE: PollInput = {
	kind: 'single',
	question: 'Welche Farbe?',
	options: ['Rot', 'Grün', 'Blau'],
	allowChange: true,
	resultsVisibility: 'live',
	showNames: false
};
let keyN = 0;
const key = () => `key-${++keyN}-${Math.random().toString(36).slice(2)}`;

describe.each(ALL_DBS)('poll contract on $name', (engine) => {
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
		// Fresh tables for every test (the suite shares one database).
		await emptyAllTables(h.db);
		t = testDeps(h);
		ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: PASSWORD }, t.deps)).id;
		eventId = (await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, t.deps)).id;
		sessionId = (await events.createSession(eventId, SESSION, ownerId, t.deps)).id;
	});

	async function participant(via: 'room' | 'online' = 'room', ev = eventId) {
		return (await joinEvent({ eventId: ev, via }, t.deps)).participant;
	}
	async function openSingle(input: PollInput = SINGLE) {
		const p = await polls.createPoll(sessionId, input, ownerId, t.deps);
		await polls.openPoll(p.id, ownerId, t.deps);
		return p;
	}
	const vote = (pollId: string, p: { id: string; channel: 'room' | 'online' }, optionId: string, k = key()) =>
		polls.castVote({ pollId, participantId: p.id, eventId, channel: p.channel, answer: { kind: 'single', optionId }, key: k }, t.deps);

	it('P1: one vote per participant; a changed vote replaces the old one', async () => {
		const poll = await openSingle();
		const a = await participant();
		await vote(poll.id, a, 'o1');
		await vote(poll.id, a, 'o2');
		expect(await h.db.selectFrom('poll_votes').select('id').execute()).toHaveLength(1);
		const r = await polls.pollResults(await polls.getPoll(poll.id, t.deps), t.deps);
		expect(r.all).toEqual({ kind: 'single', voters: 1, counts: { o1: 0, o2: 1, o3: 0 } });
	});

	it('P1: the unique key holds even when one participant sends many different votes at once', async () => {
		const poll = await openSingle();
		const a = await participant();
		const results = await Promise.allSettled(['o1', 'o2', 'o3', 'o1', 'o2'].map((o) => vote(poll.id, a, o)));
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
		expect(await h.db.selectFrom('poll_votes').select('id').execute()).toHaveLength(1);
	});

	it('P3: the same key sent several times at once counts once, and every send gets the same answer', async () => {
		const poll = await openSingle();
		const a = await participant();
		const k = key();
		const answers = await Promise.all(Array.from({ length: 6 }, () => vote(poll.id, a, 'o2', k)));
		for (const ans of answers) expect(ans).toEqual(answers[0]);
		expect(await h.db.selectFrom('idempotency_keys').select('key').execute()).toHaveLength(1);
		expect(await h.db.selectFrom('poll_votes').select('id').execute()).toHaveLength(1);
	});

	it('P3: a repeated idempotency key gets the first answer and changes nothing', async () => {
		const poll = await openSingle();
		const a = await participant();
		const k = key();
		const first = await vote(poll.id, a, 'o1', k);
		const again = await vote(poll.id, a, 'o3', k);
		expect(again).toEqual(first);
		const r = await polls.pollResults(await polls.getPoll(poll.id, t.deps), t.deps);
		expect(r.all.kind === 'single' && r.all.counts).toEqual({ o1: 1, o2: 0, o3: 0 });
	});

	it('P1: without allowChange a second vote is refused and the first stays', async () => {
		const poll = await openSingle({ ...SINGLE, allowChange: false });
		const a = await participant();
		await vote(poll.id, a, 'o1');
		await expect(vote(poll.id, a, 'o2')).rejects.toMatchObject({ code: 'conflict' });
		expect((await polls.myVote(poll.id, a.id, t.deps))?.answer).toEqual({ kind: 'single', optionId: 'o1' });
	});

	it('P4: votes on a closed poll get poll_closed; closing twice returns the same final tally', async () => {
		const poll = await openSingle();
		const [a, b] = [await participant('room'), await participant('online')];
		await vote(poll.id, a, 'o1');
		await vote(poll.id, b, 'o1');
		const first = await polls.closePoll(poll.id, ownerId, t.deps);
		await expect(vote(poll.id, await participant(), 'o2')).rejects.toMatchObject({ code: 'poll_closed' });
		const second = await polls.closePoll(poll.id, ownerId, t.deps);
		expect(second).toEqual(first);
		expect(first.all).toMatchObject({ voters: 2, counts: { o1: 2 } });
		expect(first.room.voters + first.online.voters).toBe(2);
	});

	it('P4 (R6): votes racing closes — every close returns the same tally, and it holds every acknowledged vote', async () => {
		const poll = await openSingle();
		const people = await Promise.all(Array.from({ length: 60 }, (_, i) => participant(i % 2 ? 'room' : 'online')));
		const acked: string[] = [];
		const votes = people.map((p, i) =>
			vote(poll.id, p, `o${(i % 3) + 1}`).then(
				() => void acked.push(p.id),
				(e: { code?: string }) => {
					if (e.code !== 'poll_closed') throw e;
				}
			)
		);
		const closes = Array.from({ length: 8 }, () => new Promise((r) => setTimeout(r, Math.random() * 20)).then(() => polls.closePoll(poll.id, ownerId, t.deps)));
		const [, tallies] = await Promise.all([Promise.all(votes), Promise.all(closes)]);
		for (const tl of tallies) expect(tl).toEqual(tallies[0]);
		expect(tallies[0]!.all.voters).toBe(acked.length);
		const stored = await h.db.selectFrom('poll_votes').select('participant_id').execute();
		expect(new Set(stored.map((s) => s.participant_id))).toEqual(new Set(acked));
	});

	it("P4: opening a poll closes the session's other open poll", async () => {
		const a = await openSingle();
		const b = await openSingle();
		expect((await polls.getPoll(a.id, t.deps)).state).toBe('closed');
		expect((await polls.currentPoll(sessionId, t.deps))?.id).toBe(b.id);
	});

	it('P4: opening polls at the same moment leaves exactly one open', async () => {
		const made = await Promise.all(Array.from({ length: 4 }, () => polls.createPoll(sessionId, SINGLE, ownerId, t.deps)));
		await Promise.allSettled(made.map((p) => polls.openPoll(p.id, ownerId, t.deps)));
		const open = await h.db.selectFrom('polls').select('id').where('session_id', '=', sessionId).where('state', '=', 'open').execute();
		expect(open).toHaveLength(1);
	});

	it('P4: a refused open (of a closed poll) leaves the running poll open', async () => {
		const first = await openSingle();
		await polls.closePoll(first.id, ownerId, t.deps);
		const running = await openSingle();
		await expect(polls.openPoll(first.id, ownerId, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		expect((await polls.getPoll(running.id, t.deps)).state).toBe('open');
	});

	it('P5: invalid answers are refused and store nothing; draft polls take no votes', async () => {
		const draft = await polls.createPoll(sessionId, SINGLE, ownerId, t.deps);
		const a = await participant();
		await expect(vote(draft.id, a, 'o1')).rejects.toMatchObject({ code: 'conflict' });
		await polls.openPoll(draft.id, ownerId, t.deps);
		await expect(vote(draft.id, a, 'o7')).rejects.toMatchObject({ code: 'invalid_payload' });
		await expect(
			polls.castVote({ pollId: draft.id, participantId: a.id, eventId, channel: 'room', answer: { kind: 'scale', value: 3 }, key: key() }, t.deps)
		).rejects.toMatchObject({ code: 'invalid_payload' });
		expect(await h.db.selectFrom('poll_votes').select('id').execute()).toHaveLength(0);
		expect(await h.db.selectFrom('idempotency_keys').select('key').execute()).toHaveLength(0);
	});

	it('S3: a participant of another event cannot vote', async () => {
		const poll = await openSingle();
		const otherEvent = await events.createEvent({ ...EVENT, title: 'Other' }, { userId: ownerId, isAdmin: true }, t.deps);
		const stranger = await participant('room', otherEvent.id);
		await expect(
			polls.castVote(
				{ pollId: poll.id, participantId: stranger.id, eventId: otherEvent.id, channel: 'room', answer: { kind: 'single', optionId: 'o1' }, key: key() },
				t.deps
			)
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('reset clears the votes and returns the poll to draft; only drafts can be edited', async () => {
		const poll = await openSingle();
		await vote(poll.id, await participant(), 'o1');
		await expect(polls.updatePoll(poll.id, { ...SINGLE, question: 'Neu?' }, ownerId, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		const reset = await polls.resetPoll(poll.id, ownerId, t.deps);
		expect(reset.state).toBe('draft');
		expect(await h.db.selectFrom('poll_votes').select('id').execute()).toHaveLength(0);
		const edited = await polls.updatePoll(poll.id, { ...SINGLE, question: 'Neu?', options: ['Rot', 'Gelb'] }, ownerId, t.deps);
		expect(edited.options).toEqual([
			{ id: 'o1', label: 'Rot' },
			{ id: 'o2', label: 'Gelb' }
		]);
	});

	it('P7: results visibility follows the setting unless the moderator reveals or hides', async () => {
		const poll = await polls.createPoll(sessionId, { ...SINGLE, resultsVisibility: 'after_close' }, ownerId, t.deps);
		expect(polls.resultsVisibleToAudience(await polls.openPoll(poll.id, ownerId, t.deps))).toBe(false);
		expect(polls.resultsVisibleToAudience(await polls.setResultsOverride(poll.id, 'shown', ownerId, t.deps))).toBe(true);
		expect(polls.resultsVisibleToAudience(await polls.setResultsOverride(poll.id, null, ownerId, t.deps))).toBe(false);
		await polls.closePoll(poll.id, ownerId, t.deps);
		const closed = await polls.getPoll(poll.id, t.deps);
		expect(polls.resultsVisibleToAudience(closed)).toBe(true);
		expect(polls.resultsVisibleToAudience(await polls.setResultsOverride(poll.id, 'hidden', ownerId, t.deps))).toBe(false);
	});

	it('AC3: a workshop lead manages polls of their own session only', async () => {
		const other = await events.createSession(eventId, { ...SESSION, title: 'W2', kind: 'workshop' }, ownerId, t.deps);
		const { token } = await invites.createInvite({ eventId, role: 'workshop_lead', sessionIds: [sessionId] }, ownerId, t.deps);
		const lead = await invites.acceptInvite(token, { email: 'l@x.de', name: 'L', password: PASSWORD }, t.deps);
		await expect(polls.createPoll(sessionId, SINGLE, lead.userId, t.deps)).resolves.toBeTruthy();
		await expect(polls.createPoll(other.id, SINGLE, lead.userId, t.deps)).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('open text: moderated answers wait; approving one puts it on the wall', async () => {
		const poll = await polls.createPoll(
			sessionId,
			{ kind: 'open', question: 'Wünsche?', options: [], moderated: true, allowChange: true, resultsVisibility: 'live', showNames: false },
			ownerId,
			t.deps
		);
		await polls.openPoll(poll.id, ownerId, t.deps);
		const a = await participant();
		const res = await polls.castVote(
			{ pollId: poll.id, participantId: a.id, eventId, channel: 'room', answer: { kind: 'open', text: 'Mehr Bänke' }, key: key() },
			t.deps
		);
		expect(res.status).toBe('pending');
		let r = await polls.pollResults(await polls.getPoll(poll.id, t.deps), t.deps);
		expect(r.all).toMatchObject({ answers: [], pending: 1 });
		const [answer] = await polls.listAnswers(poll.id, t.deps);
		await polls.moderateAnswer(poll.id, answer!.id, 'approved', ownerId, t.deps);
		r = await polls.pollResults(await polls.getPoll(poll.id, t.deps), t.deps);
		expect(r.all).toMatchObject({ answers: [{ text: 'Mehr Bänke', name: null }], pending: 0 });
	});

	it('polls can be duplicated, reordered and deleted; deleting a session deletes its polls and votes', async () => {
		const a = await polls.createPoll(sessionId, SINGLE, ownerId, t.deps);
		const b = await polls.duplicatePoll(a.id, ownerId, t.deps);
		expect(b).toMatchObject({ question: SINGLE.question, state: 'draft', position: 2 });
		await polls.movePoll(b.id, 'up', ownerId, t.deps);
		expect((await polls.listPolls(sessionId, t.deps)).map((p) => p.id)).toEqual([b.id, a.id]);
		await polls.deletePoll(b.id, ownerId, t.deps);
		await polls.openPoll(a.id, ownerId, t.deps);
		await vote(a.id, await participant(), 'o1');
		await events.deleteSession(sessionId, ownerId, t.deps);
		expect(await h.db.selectFrom('polls').select('id').execute()).toHaveLength(0);
		expect(await h.db.selectFrom('poll_votes').select('id').execute()).toHaveLength(0);
	});
});
