/**
 * G5 and G4 of quality.md on SQLite and PostgreSQL: an event is kept through its retention date
 * (in its own time zone) and deleted the day after, with everything that hangs off it — no row of
 * it left in any table. Another event with a later date stays whole. A fake clock moves the days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ALL_DBS } from '../support/databases.ts';
import { testDeps } from '../support/deps.ts';
import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent } from '../../src/lib/server/participants/service.ts';
import { castVote, createPoll, openPoll } from '../../src/lib/server/polls/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { upvoteQuestion } from '../../src/lib/server/qa/upvote.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { claimSeat } from '../../src/lib/server/boards/seats.ts';
import { dayIn, purgeExpiredEvents } from '../../src/lib/server/events/retention.ts';
import { NOT_EVENT_DATA } from '../../src/lib/server/exports/event-archive.ts';

const SESSION = { kind: 'workshop' as const, title: 'S', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null };
/** Tables that belong to no event (the archive's list: staff accounts, logins, tokens, settings), and the migrations' own. */
const NOT_EVENT_TABLES = new Set([...Object.keys(NOT_EVENT_DATA), 'kysely_migration', 'kysely_migration_lock', 'plenum_migrations']);

describe.each(ALL_DBS)('retention on $name (G4, G5)', (engine) => {
	let h: DbHandle & { drop(): Promise<void> };
	beforeAll(async () => {
		h = await engine.open();
	});
	afterAll(async () => {
		await h.close();
		await h.drop();
	});

	/** An event with someone in every kind of personal record: a vote, a question and an upvote, a seat. */
	async function populated(t: ReturnType<typeof testDeps>, ownerId: string, retentionOn: string, timeZone = 'Europe/Berlin') {
		const d = t.deps;
		const ev = await events.createEvent(
			{ title: `E ${retentionOn}`, startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone, defaultLocale: 'de', retentionOn },
			{ userId: ownerId, isAdmin: true },
			d
		);
		const s = await events.createSession(ev.id, SESSION, ownerId, d);
		const poll = await createPoll(
			s.id,
			{ kind: 'open', question: 'Q', options: [], allowChange: true, resultsVisibility: 'live', showNames: true },
			ownerId,
			d
		);
		await openPoll(poll.id, ownerId, d);
		const board = await createBoard(ev.id, { title: 'B', mode: 'fcfs', lotteryDeadline: null }, ownerId, d);
		await addWorkshop(board.id, { sessionId: s.id, capacity: 3, description: '' }, ownerId, d);
		await setBoardState(board.id, 'open', ownerId, d);
		const p = (await joinEvent({ eventId: ev.id, via: 'room', displayName: 'Marker Name' }, d)).participant;
		const who = { participantId: p.id, eventId: ev.id, channel: 'room' as const };
		await castVote({ ...who, pollId: poll.id, answer: { kind: 'open', text: 'Marker Antwort' }, key: randomUUID() }, d);
		const q = await askQuestion({ ...who, sessionId: s.id, text: 'Marker Frage', name: 'Marker', key: randomUUID() }, d);
		await upvoteQuestion({ participantId: p.id, eventId: ev.id, questionId: q.id, up: true, key: randomUUID() }, d);
		await claimSeat({ participantId: p.id, eventId: ev.id, boardId: board.id, sessionId: s.id, key: randomUUID() }, d);
		return ev.id;
	}

	async function rowsPerTable(): Promise<Record<string, number>> {
		const out: Record<string, number> = {};
		for (const t of await h.db.introspection.getTables()) {
			if (NOT_EVENT_TABLES.has(t.name)) continue;
			const r = await h.db
				.selectFrom(t.name as never)
				.select((eb) => eb.fn.countAll<number | string>().as('n'))
				.executeTakeFirstOrThrow();
			out[t.name] = Number((r as { n: number | string }).n);
		}
		return out;
	}

	it('G5/G4: kept on the retention date, gone the day after with every row that hangs off it; a later event stays whole', async () => {
		const t = testDeps(h);
		const owner = await auth.createOwner({ email: `o-${randomUUID()}@x.de`, name: 'O', password: 'correct horse battery' }, t.deps);
		t.clock.set(Date.UTC(2026, 5, 1, 12, 0)); // 1 June, midday
		const later = await populated(t, owner.id, '2026-07-01');
		const alone = await rowsPerTable();
		const early = await populated(t, owner.id, '2026-06-02');
		const both = await rowsPerTable();
		// Every kind of record exists for the early event, so "nothing left" below means something.
		for (const table of ['participants', 'poll_votes', 'questions', 'question_upvotes', 'seats', 'idempotency_keys', 'event_sessions', 'polls', 'boards'])
			expect(both[table], table).toBeGreaterThan(alone[table] ?? 0);

		expect(await purgeExpiredEvents(t.deps)).toEqual([]);
		t.clock.set(Date.UTC(2026, 5, 2, 21, 59)); // 23:59 on 2 June in Berlin: still the retention date there
		expect(dayIn(t.clock.now(), 'Europe/Berlin')).toBe('2026-06-02');
		expect(await purgeExpiredEvents(t.deps)).toEqual([]);
		expect(await rowsPerTable()).toEqual(both);

		t.clock.set(Date.UTC(2026, 5, 2, 22, 1)); // 00:01 on 3 June in Berlin
		expect(await purgeExpiredEvents(t.deps)).toEqual([early]);
		expect(await rowsPerTable()).toEqual(alone);
		// …and copies outside the database are dropped too (Redis, G4; tests/api/event-erasure.test.ts).
		expect(t.publisher.deletedEvents).toEqual([early]);
		expect(await events.getEvent(later, t.deps)).toMatchObject({ id: later });
		await expect(events.getEvent(early, t.deps)).rejects.toMatchObject({ code: 'not_found' });
		// A second sweep finds nothing more.
		expect(await purgeExpiredEvents(t.deps)).toEqual([]);
	});
});
