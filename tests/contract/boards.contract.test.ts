/**
 * Board rules B1–B8 on SQLite and PostgreSQL: seats, waitlist, switching, capacity changes,
 * manual moves and the lottery, at the domain level. The property test and the races are in
 * boards-property.contract.test.ts and boards-race.contract.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_DBS, emptyAllTables } from '../support/databases.ts';
import { testDeps } from '../support/deps.ts';
import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent } from '../../src/lib/server/participants/service.ts';
import { addWorkshop, createBoard, setBoardState, updateWorkshop } from '../../src/lib/server/boards/board.ts';
import { cancelSeat, claimSeat } from '../../src/lib/server/boards/seats.ts';
import { moveParticipant } from '../../src/lib/server/boards/manual.ts';
import { rankChoices, runDraw } from '../../src/lib/server/boards/draw.ts';
import { myBoardState, myBoardStates, publicBoard, workshopParticipants } from '../../src/lib/server/boards/read.ts';
import { seedHash } from '../../src/lib/server/boards/lottery.ts';

const PASSWORD = 'correct horse battery';
const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2026-08-01' };
const W = (title: string) => ({
	kind: 'workshop' as const,
	title,
	startsAt: '2026-05-04T14:00',
	endsAt: '2026-05-04T15:30',
	room: `Raum ${title}`,
	livestreamUrl: null
});
let keyN = 0;
const key = () => `bkey-${++keyN}-${Math.random().toString(36).slice(2)}`;

describe.each(ALL_DBS)('board contract on $name', (engine) => {
	let h: DbHandle & { drop(): Promise<void> };
	let t: ReturnType<typeof testDeps>;
	let ownerId: string;
	let eventId: string;
	let a: string;
	let b: string;

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
		a = (await events.createSession(eventId, W('A'), ownerId, t.deps)).id;
		b = (await events.createSession(eventId, W('B'), ownerId, t.deps)).id;
	});

	async function board(mode: 'fcfs' | 'lottery' = 'fcfs', capA = 2, capB = 1) {
		const deadline = mode === 'lottery' ? t.clock.now() + 60_000 : null;
		const bd = await createBoard(eventId, { title: 'Slot 1', mode, lotteryDeadline: deadline }, ownerId, t.deps);
		await addWorkshop(bd.id, { sessionId: a, capacity: capA, description: '' }, ownerId, t.deps);
		await addWorkshop(bd.id, { sessionId: b, capacity: capB, description: '' }, ownerId, t.deps);
		await setBoardState(bd.id, 'open', ownerId, t.deps);
		return bd.id;
	}
	const person = async () => (await joinEvent({ eventId, via: 'room', displayName: `P${++keyN}` }, t.deps)).participant.id;
	const claim = (boardId: string, participantId: string, sessionId: string, k = key()) =>
		claimSeat({ participantId, eventId, boardId, sessionId, key: k }, t.deps);
	const cancel = (boardId: string, participantId: string) => cancelSeat({ participantId, eventId, boardId, key: key() }, t.deps);

	it('B1/B2: seats then a first-in-first-out waitlist; nobody is both', async () => {
		const id = await board('fcfs', 2, 1);
		const [p1, p2, p3, p4] = [await person(), await person(), await person(), await person()];
		expect(await claim(id, p1, a)).toMatchObject({ status: 'confirmed', sessionId: a });
		expect(await claim(id, p2, a)).toMatchObject({ status: 'confirmed' });
		expect(await claim(id, p3, a)).toMatchObject({ status: 'waitlisted', position: 1 });
		expect(await claim(id, p4, a)).toMatchObject({ status: 'waitlisted', position: 2 });
		const w = (await publicBoard(id, t.deps)).workshops.find((x) => x.sessionId === a)!;
		expect(w).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 2, seatsLeft: 0 });
		// The tick's bulk read answers what the single read answers, in the order asked.
		const outsider = await person();
		const ids = [p4, outsider, p1, p3];
		expect(await myBoardStates(h.db, id, ids)).toEqual(await Promise.all(ids.map((p) => myBoardState(h.db, id, p))));
	});

	it('B3: a cancellation promotes the first in line, in the same transaction; the others move up', async () => {
		const id = await board('fcfs', 1, 1);
		const [p1, p2, p3] = [await person(), await person(), await person()];
		await claim(id, p1, a);
		await claim(id, p2, a);
		await claim(id, p3, a);
		await cancel(id, p1);
		expect(await myBoardState(h.db, id, p2)).toMatchObject({ status: 'confirmed', sessionId: a });
		expect(await myBoardState(h.db, id, p3)).toMatchObject({ status: 'waitlisted', position: 1 });
		expect(t.publisher.seats.at(-1)).toMatchObject({ boardId: id, sessionIds: [a], participants: [p1, p2] });
	});

	it('B1: switching releases the old seat in the same transaction (and promotes there); signing up again changes nothing', async () => {
		const id = await board('fcfs', 1, 1);
		const [p1, p2] = [await person(), await person()];
		await claim(id, p1, a);
		await claim(id, p2, a);
		expect(await claim(id, p1, b)).toMatchObject({ status: 'confirmed', sessionId: b });
		expect(await myBoardState(h.db, id, p2)).toMatchObject({ status: 'confirmed', sessionId: a });
		expect(await claim(id, p1, b)).toMatchObject({ status: 'confirmed', sessionId: b });
		const rows = await h.db.selectFrom('seats').select(['participant_id', 'session_id', 'status']).orderBy('participant_id').execute();
		expect(rows).toHaveLength(2);
	});

	it('B8: one key sent many times (also at once) is one sign-up with one answer', async () => {
		const id = await board('fcfs', 5, 1);
		const p = await person();
		const k = key();
		const answers = await Promise.all(Array.from({ length: 8 }, () => claim(id, p, a, k)));
		for (const x of answers) expect(x).toEqual(answers[0]);
		expect((await publicBoard(id, t.deps)).workshops[0]).toMatchObject({ confirmed: 1 });
	});

	it('B5: lowering a capacity evicts nobody and stops sign-ups until the seats fit; raising it promotes', async () => {
		const id = await board('fcfs', 3, 1);
		const ps = [await person(), await person(), await person(), await person()];
		for (const p of ps) await claim(id, p, a);
		await updateWorkshop(id, { sessionId: a, capacity: 1, description: '' }, ownerId, t.deps);
		expect((await workshopParticipants(a, t.deps)).confirmed).toHaveLength(3);
		await cancel(id, ps[0]!);
		expect((await workshopParticipants(a, t.deps)).confirmed).toHaveLength(2);
		expect(await myBoardState(h.db, id, ps[3]!)).toMatchObject({ status: 'waitlisted', position: 1 });
		await updateWorkshop(id, { sessionId: a, capacity: 3, description: '' }, ownerId, t.deps);
		expect(await myBoardState(h.db, id, ps[3]!)).toMatchObject({ status: 'confirmed' });
	});

	it('B5: a manual move needs a free seat and releases the old one; closed and draft boards refuse participants', async () => {
		const id = await board('fcfs', 1, 1);
		const [p1, p2, p3] = [await person(), await person(), await person()];
		await claim(id, p1, a);
		await claim(id, p2, b);
		await claim(id, p3, a);
		await expect(moveParticipant(id, p3, b, ownerId, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		await moveParticipant(id, p2, null, ownerId, t.deps);
		expect(await moveParticipant(id, p3, b, ownerId, t.deps)).toMatchObject({ status: 'confirmed', sessionId: b });
		await setBoardState(id, 'closed', ownerId, t.deps);
		await expect(claim(id, p2, a)).rejects.toMatchObject({ code: 'conflict' });
		const draft = await createBoard(eventId, { title: 'D', mode: 'fcfs', lotteryDeadline: null }, ownerId, t.deps);
		await expect(claim(draft.id, p2, a)).rejects.toMatchObject({ code: 'not_found' });
	});

	it('B6/B7: rank until the deadline, one draw after it, seed revealed and matching its hash, then first come first served', async () => {
		const id = await board('lottery', 1, 1);
		const ps = [await person(), await person(), await person()];
		await expect(claim(id, ps[0]!, a)).rejects.toMatchObject({ code: 'conflict' });
		for (const p of ps) await rankChoices({ participantId: p, eventId, boardId: id, choices: [a, b], key: key() }, t.deps);
		const before = await publicBoard(id, t.deps);
		expect(before.seed).toBeNull();
		await expect(runDraw(id, ownerId, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		t.clock.advance(60_000);
		await expect(rankChoices({ participantId: ps[0]!, eventId, boardId: id, choices: [b], key: key() }, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		const drawn = await runDraw(id, ownerId, t.deps);
		expect(seedHash(drawn.seed!)).toBe(before.seedHash);
		expect(drawn.drawSummary).toEqual({ byRank: [1, 1, 0], none: 1, entrants: 3 });
		await expect(runDraw(id, ownerId, t.deps)).rejects.toMatchObject({ code: 'conflict' });
		const states = await Promise.all(ps.map((p) => myBoardState(h.db, id, p)));
		expect(states.map((s) => s.drawnRank).sort()).toEqual([0, 1, 2]);
		const loser = ps[states.findIndex((s) => s.drawnRank === 0)]!;
		expect(await claim(id, loser, a)).toMatchObject({ status: 'waitlisted', position: 1 });
	});
});
