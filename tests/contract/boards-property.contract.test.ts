/**
 * R1/R2 of quality.md as properties, on SQLite and PostgreSQL: random sequences of sign-ups,
 * cancellations, switches, capacity changes, manual moves, replayed keys and closing, checked
 * after every step against the seat rules (tests/support/board-invariants.ts) and a plain
 * in-memory model (seat holders, FIFO queues); then the same domain calls interleaved by
 * fast-check's scheduler at every database round trip, which must settle into a state some
 * serial order of them explains (linearisable).
 */
import fc from 'fast-check';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_DBS, emptyAllTables } from '../support/databases.ts';
import { testDeps } from '../support/deps.ts';
import {
	BoardModel,
	boardSnapshot,
	boardViolations,
	checkBoard,
	positionViolations,
	type BoardSnapshot,
	type Cmd,
	type SeatCmd
} from '../support/board-invariants.ts';
import type { Db, DbHandle } from '../../src/lib/server/db/connect.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent } from '../../src/lib/server/participants/service.ts';
import { addWorkshop, createBoard, setBoardState, updateWorkshop } from '../../src/lib/server/boards/board.ts';
import { cancelSeat, claimSeat } from '../../src/lib/server/boards/seats.ts';
import { moveParticipant } from '../../src/lib/server/boards/manual.ts';

const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2026-08-01' };
const W = (title: string) => ({ kind: 'workshop' as const, title, startsAt: '2026-05-04T14:00', endsAt: '2026-05-04T15:30', room: title, livestreamUrl: null });
const PEOPLE = 8;
const WORKSHOPS = 3;
let keyN = 0;
const key = () => `prop-${++keyN}-${Math.random().toString(36).slice(2, 8)}`;

const person = fc.nat({ max: PEOPLE - 1 });
const workshop = fc.nat({ max: WORKSHOPS - 1 });
const seatCmd: fc.Arbitrary<Exclude<Cmd, { kind: 'replay' | 'state' }>> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('claim' as const), p: person, w: workshop }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('switch' as const), p: person, step: fc.constantFrom(1, 2) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), p: person }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('capacity' as const), w: workshop, capacity: fc.nat({ max: 5 }) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), p: person, w: fc.option(workshop) }) }
);
const anyCmd: fc.Arbitrary<Cmd> = fc.oneof(
	{ weight: 13, arbitrary: seatCmd },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('state' as const), open: fc.boolean() }) }
);
// 25 runs each; a run cut short by the time limit (or a shrink that runs away) fails, never passes quietly.
const RUNS = { numRuns: 25, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: true };
const capacities = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: WORKSHOPS, maxLength: WORKSHOPS });

/** Every database round trip of one call becomes a task fast-check's scheduler releases in its own order. */
function scheduledDb(db: Db, s: fc.Scheduler, label: string): Db {
	const plugin: KyselyPlugin = {
		transformQuery: (args) => args.node,
		transformResult: (args) => s.schedule(Promise.resolve(args.result), label)
	};
	return db.withPlugin(plugin);
}

/** A rolled-back transaction an organiser's move may surface (no retry there); it changed nothing. */
const transient = (e: unknown) => {
	const err = e as { code?: unknown; message?: unknown };
	return ['40001', '40P01', '23505'].includes(String(err?.code)) || String(err?.message).includes('UNIQUE constraint failed');
};

describe.each(ALL_DBS)('board properties on $name', (engine) => {
	let h: DbHandle & { drop(): Promise<void> };
	let t: ReturnType<typeof testDeps>;
	let ownerId: string;
	let eventId: string;
	let people: string[];

	beforeAll(async () => {
		h = await engine.open();
		await emptyAllTables(h.db);
		t = testDeps(h);
		ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: 'correct horse battery' }, t.deps)).id;
		eventId = (await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, t.deps)).id;
		people = [];
		for (let i = 0; i < PEOPLE; i++) people.push((await joinEvent({ eventId, via: 'room', displayName: `P${i}` }, t.deps)).participant.id);
	});
	afterAll(async () => {
		await h.close();
		await h.drop();
	});

	async function newBoard(caps: number[]): Promise<{ boardId: string; ws: string[] }> {
		const b = await createBoard(eventId, { title: 'Slot', mode: 'fcfs', lotteryDeadline: null }, ownerId, t.deps);
		const ws: string[] = [];
		for (const [i, capacity] of caps.entries()) {
			const sessionId = (await events.createSession(eventId, W(`W${i}`), ownerId, t.deps)).id;
			await addWorkshop(b.id, { sessionId, capacity, description: '' }, ownerId, t.deps);
			ws.push(sessionId);
		}
		await setBoardState(b.id, 'open', ownerId, t.deps);
		return { boardId: b.id, ws };
	}

	/** One domain call for a seat command (a switch is resolved against the model first). */
	function call(cmd: SeatCmd, boardId: string, ws: string[], deps: Deps, k = key()): Promise<unknown> {
		const participantId = 'p' in cmd ? people[cmd.p]! : '';
		switch (cmd.kind) {
			case 'claim':
				return claimSeat({ participantId, eventId, boardId, sessionId: ws[cmd.w]!, key: k }, deps);
			case 'cancel':
				return cancelSeat({ participantId, eventId, boardId, key: k }, deps);
			case 'capacity':
				return updateWorkshop(boardId, { sessionId: ws[cmd.w]!, capacity: cmd.capacity, description: '' }, ownerId, deps);
			case 'move':
				return moveParticipant(boardId, participantId, cmd.w === null ? null : ws[cmd.w]!, ownerId, deps);
		}
	}

	function expectModel(model: BoardModel, snap: BoardSnapshot, ws: string[]): void {
		const fromDb = ws.map((id) => {
			const w = snap.workshops.get(id)!;
			return { capacity: w.capacity, confirmed: w.confirmed, waitlist: w.waitlist };
		});
		expect(fromDb).toEqual(model.view(people));
	}

	it('R1: the oracle is not blind — it reports each kind of broken board', async () => {
		const { boardId, ws } = await newBoard([1, 1, 1]);
		const [a, b] = [ws[0]!, ws[1]!];
		for (const p of people.slice(0, 4)) await claimSeat({ participantId: p, eventId, boardId, sessionId: a, key: key() }, t.deps);
		const sound = await boardSnapshot(h.db, boardId);
		expect(boardViolations(sound)).toEqual([]);
		const set = (sessionId: string, confirmed: number) => h.db.updateTable('board_workshops').set({ confirmed }).where('session_id', '=', sessionId).execute();
		const seat = (p: string) => h.db.updateTable('seats').where('board_id', '=', boardId).where('participant_id', '=', p);
		await set(a, 2);
		expect((await checkBoard(h.db, boardId)).violations.join()).toContain('confirmed column 2 but 1');
		await seat(sound.workshops.get(a)!.waitlist[0]!).set({ status: 'confirmed', queue_no: 0 }).execute();
		const over = await checkBoard(h.db, boardId, { prev: sound });
		expect(over.violations.join()).toContain('newly confirmed');
		expect((await checkBoard(h.db, boardId)).violations.join()).toContain('2 confirmed > capacity 1');
		await seat(over.snapshot.workshops.get(a)!.waitlist[1]!)
			.set({ queue_no: over.snapshot.workshops.get(a)!.queueNos[0]! })
			.execute();
		expect((await checkBoard(h.db, boardId)).violations.join()).toContain('waitlist positions');
		await seat(over.snapshot.workshops.get(a)!.waitlist[0]!).set({ session_id: b }).execute();
		expect((await checkBoard(h.db, boardId)).violations.join()).toContain('seat(s) are free');
	});

	it('R1/R2 B1–B5 B8: after every step of a random sequence the seat rules hold and the database equals the model', async () => {
		await fc.assert(
			fc.asyncProperty(capacities, fc.array(anyCmd, { minLength: 30, maxLength: 60 }), async (caps, cmds) => {
				const { boardId, ws } = await newBoard(caps);
				const model = new BoardModel(caps);
				const history: { cmd: SeatCmd; key: string; answer: unknown }[] = [];
				let prev = await boardSnapshot(h.db, boardId);
				for (const raw of cmds) {
					const published = t.publisher.seats.length;
					const before = model.clone();
					if (raw.kind === 'state') {
						await setBoardState(boardId, raw.open ? 'open' : 'closed', ownerId, t.deps);
						model.open = raw.open;
					} else if (raw.kind === 'replay') {
						// B8: a key sent again gets the first answer and changes nothing.
						const old = history[raw.pick % Math.max(1, history.length)];
						if (old) expect(await call(old.cmd, boardId, ws, t.deps, old.key)).toEqual(old.answer);
					} else {
						const cmd = model.resolve(raw);
						const k = key();
						const expected = model.apply(cmd);
						const run = call(cmd, boardId, ws, t.deps, k);
						if (expected === 'conflict') await expect(run).rejects.toMatchObject({ code: 'conflict' });
						else {
							const answer = await run;
							if (cmd.kind === 'claim' || cmd.kind === 'cancel' || cmd.kind === 'move') {
								const mine = model.mine(cmd.p);
								expect(answer).toMatchObject({ sessionId: mine.w === null ? null : ws[mine.w], status: mine.status, position: mine.position });
							}
							if (cmd.kind === 'claim' || cmd.kind === 'cancel') history.push({ cmd, key: k, answer });
						}
					}
					const snap = await boardSnapshot(h.db, boardId);
					expect(boardViolations(snap, { prev })).toEqual([]);
					expectModel(model, snap, ws);
					// B3/B9: every workshop and person whose seat changed was published (after commit).
					const told = t.publisher.seats.slice(published).filter((x) => x.boardId === boardId);
					const changed = model.changedSince(before);
					expect(ws.filter((_, i) => changed.workshops.includes(i)).filter((id) => !told.some((x) => x.sessionIds.includes(id)))).toEqual([]);
					expect(changed.people.map((i) => people[i]!).filter((p) => !told.some((x) => x.participants.includes(p)))).toEqual([]);
					prev = snap;
				}
				// The positions the phones see, asked of the domain (each step compared the answers already).
				expect(await positionViolations(h.db, prev)).toEqual([]);
			}),
			RUNS
		);
	}, 200_000);

	it('R1/R2 B1–B3 B5: concurrent sign-ups, switches, cancellations, moves and capacity edits, interleaved by the scheduler, settle into a serial outcome', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.scheduler(),
				capacities,
				fc.array(seatCmd, { maxLength: 12 }),
				fc.array(seatCmd, { minLength: 2, maxLength: 4 }),
				async (s, caps, pre, batch) => {
					const { boardId, ws } = await newBoard(caps);
					const model = new BoardModel(caps);
					for (const raw of pre) {
						const cmd = model.resolve(raw);
						model.apply(cmd);
						await call(cmd, boardId, ws, t.deps).catch((e: unknown) => expect(e).toMatchObject({ code: 'conflict' }));
					}
					expectModel(model, await boardSnapshot(h.db, boardId), ws);
					const cmds = batch.map((raw) => model.resolve(raw));
					const calls = cmds.map((cmd, i) => call(cmd, boardId, ws, { ...t.deps, db: scheduledDb(h.db, s, `${i}:${JSON.stringify(cmd)}`) }));
					const settled = await s.waitFor(Promise.allSettled(calls));
					const lowered = cmds.some((c) => c.kind === 'capacity') || model.overCapacity();
					const { snapshot, violations } = await checkBoard(h.db, boardId, { mayExceed: lowered, positions: true });
					expect(violations).toEqual([]);
					// Calls that failed with a rolled-back transaction had no effect; the rest must
					// match one serial order: same answers, same final seats and queues.
					const effective = cmds
						.map((_, i) => i)
						.filter((i) => !(settled[i]!.status === 'rejected' && transient((settled[i] as PromiseRejectedResult).reason)));
					const unexpected = settled.filter((r, i) => r.status === 'rejected' && transient(r.reason) && cmds[i]!.kind !== 'move');
					expect(unexpected).toEqual([]);
					const dbView = ws.map((id) => {
						const w = snapshot.workshops.get(id)!;
						return { capacity: w.capacity, confirmed: w.confirmed, waitlist: w.waitlist };
					});
					const explained = BoardModel.orders(effective).some((order) => {
						const m = model.clone();
						for (const i of order) {
							const cmd = cmds[i]!;
							const outcome = m.apply(cmd);
							const got = settled[i]!;
							if (outcome === 'conflict') {
								if (got.status !== 'rejected' || (got.reason as { code?: string }).code !== 'conflict') return false;
								continue;
							}
							if (got.status !== 'fulfilled') return false;
							if (cmd.kind === 'claim' || cmd.kind === 'cancel') {
								const mine = m.mine(cmd.p);
								const ans = got.value as { sessionId: string | null; status: string | null; position: number | null };
								if (ans.sessionId !== (mine.w === null ? null : ws[mine.w]) || ans.status !== mine.status || ans.position !== mine.position) return false;
							}
						}
						return JSON.stringify(m.view(people)) === JSON.stringify(dbView);
					});
					expect(
						explained,
						`no serial order explains ${JSON.stringify({ cmds, settled: settled.map((r) => r.status), dbView })}\n${s.report().length} tasks`
					).toBe(true);
				}
			),
			RUNS
		);
	}, 200_000);
});
