/**
 * The printable event report (issue 8) on SQLite and PostgreSQL: the figures it prints are the
 * database's — poll counts split into room and online, answered and most upvoted questions
 * (hidden ones left out), workshop seats and the report-back — for the event and for one session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ALL_DBS } from '../support/databases.ts';
import { testDeps } from '../support/deps.ts';
import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent } from '../../src/lib/server/participants/service.ts';
import { castVote, closePoll, createPoll, openPoll } from '../../src/lib/server/polls/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { upvoteQuestion } from '../../src/lib/server/qa/upvote.ts';
import { moderateQuestion } from '../../src/lib/server/qa/moderation.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { claimSeat } from '../../src/lib/server/boards/seats.ts';
import { saveReport } from '../../src/lib/server/boards/report.ts';
import { eventReport } from '../../src/lib/server/reports/event-report.ts';

const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2099-12-31' };
const at = (h: string, kind: 'plenary' | 'workshop', title: string) => ({
	kind,
	title,
	startsAt: `2026-05-04T${h}`,
	endsAt: `2026-05-04T${h.replace(/^0?(\d+)/, (x) => String(Number(x) + 1).padStart(2, '0'))}`,
	room: 'R',
	livestreamUrl: null
});

describe.each(ALL_DBS)('event report on $name', (engine) => {
	let h: DbHandle & { drop(): Promise<void> };
	beforeAll(async () => {
		h = await engine.open();
	});
	afterAll(async () => {
		await h.close();
		await h.drop();
	});

	it('prints the database figures: votes by room and online, answered and top questions without hidden ones, seats, report-back', async () => {
		const t = testDeps(h);
		const d = t.deps;
		const owner = await auth.createOwner({ email: `o-${randomUUID()}@x.de`, name: 'O', password: 'correct horse battery' }, d);
		const ev = await events.createEvent(EVENT, { userId: owner.id, isAdmin: true }, d);
		const keynote = await events.createSession(ev.id, at('09:00', 'plenary', 'Keynote'), owner.id, d);
		const ws = await events.createSession(ev.id, at('11:00', 'workshop', 'Workshop'), owner.id, d);
		const poll = await createPoll(
			keynote.id,
			{ kind: 'single', question: 'Rad oder Bus?', options: ['Rad', 'Bus'], allowChange: true, resultsVisibility: 'live', showNames: false },
			owner.id,
			d
		);
		await createPoll(
			keynote.id,
			{ kind: 'single', question: 'Entwurf', options: ['A', 'B'], allowChange: true, resultsVisibility: 'live', showNames: false },
			owner.id,
			d
		);
		await openPoll(poll.id, owner.id, d);
		const people: { id: string; via: 'room' | 'online' }[] = [];
		for (const via of ['room', 'room', 'online'] as const) people.push({ id: (await joinEvent({ eventId: ev.id, via }, d)).participant.id, via });
		const who = (p: (typeof people)[number]) => ({ participantId: p.id, eventId: ev.id, channel: p.via });
		await castVote({ ...who(people[0]!), pollId: poll.id, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() }, d);
		await castVote({ ...who(people[1]!), pollId: poll.id, answer: { kind: 'single', optionId: 'o2' }, key: randomUUID() }, d);
		await castVote({ ...who(people[2]!), pollId: poll.id, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() }, d);
		await closePoll(poll.id, owner.id, d);
		const ask = (p: (typeof people)[number], text: string) => askQuestion({ ...who(p), sessionId: keynote.id, text, name: null, key: randomUUID() }, d);
		const answered = await ask(people[0]!, 'Wann kommt der Radweg?');
		const popular = await ask(people[1]!, 'Was kostet das?');
		const hidden = await ask(people[2]!, 'Off topic');
		for (const p of people) await upvoteQuestion({ participantId: p.id, eventId: ev.id, questionId: popular.id, up: true, key: randomUUID() }, d);
		await moderateQuestion(answered.id, 'answer', undefined, owner.id, d);
		await moderateQuestion(hidden.id, 'hide', 'off_topic', owner.id, d);
		const board = await createBoard(ev.id, { title: 'Nachmittag', mode: 'fcfs', lotteryDeadline: null }, owner.id, d);
		await addWorkshop(board.id, { sessionId: ws.id, capacity: 1, description: '' }, owner.id, d);
		await setBoardState(board.id, 'open', owner.id, d);
		for (const p of people.slice(0, 2)) await claimSeat({ participantId: p.id, eventId: ev.id, boardId: board.id, sessionId: ws.id, key: randomUUID() }, d);
		await saveReport(ws.id, { summary: 'Drei Ideen für den Radverkehr.', questionIds: [], pollIds: [] }, owner.id, d);

		const r = await eventReport(ev.id, null, d);
		expect(r.sessions.map((s) => s.session.title)).toEqual(['Keynote', 'Workshop']);
		const [k, w] = r.sessions;
		// The draft poll is not in the report; the closed one is, with its final figures.
		expect(k!.polls.map((p) => p.question)).toEqual(['Rad oder Bus?']);
		const rows = Object.fromEntries(k!.polls[0]!.rows.map((x) => [`${x.measure}:${x.item}`, [x.all, x.room, x.online]]));
		expect(rows).toEqual({ 'voters:': [3, 2, 1], 'votes:Rad': [2, 1, 1], 'votes:Bus': [1, 1, 0] });
		expect(k!.polls[0]!.state).toBe('closed');
		expect(k!.questions.answered.map((q) => q.id)).toEqual([answered.id]);
		expect(k!.questions.top.map((q) => q.id)).toEqual([popular.id, answered.id]);
		expect(k!.questions.top[0]!.votes).toBe(3);
		expect(k!.questions).toMatchObject({ visible: 2, total: 3 });
		expect(k!.workshop).toBeNull();
		expect(w!.workshop).toEqual({ board: 'Nachmittag', capacity: 1, confirmed: 1, waitlisted: 1 });
		expect(w!.report?.summary).toBe('Drei Ideen für den Radverkehr.');

		const one = await eventReport(ev.id, ws.id, d);
		expect(one.sessions.map((s) => s.session.id)).toEqual([ws.id]);
		await expect(eventReport(ev.id, 'no-such-session', d)).rejects.toMatchObject({ code: 'not_found' });
	});
});
