/**
 * Two Plenum processes on PostgreSQL and Redis behind a sticky balancer (quality.md R3, P7;
 * issue 6): votes and seats stay correct and live across processes. Real processes, a real
 * PostgreSQL database of their own, Redis under a prefix of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import * as polls from '../../src/lib/server/polls/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import type { MyBoardState, SeatCounts } from '../../src/lib/shared/boards.ts';
import { checkBoard } from '../support/board-invariants.ts';
import type { ResultsSnapshot } from '../../src/lib/shared/polls.ts';
import type { PublicQaSnapshot } from '../../src/lib/shared/qa.ts';
import type { Ack } from '../../src/lib/shared/result.ts';
import { followResults, openPoll, percentile, phones, seedEvent, stageOn, startCluster, type Cluster, type Phone, type Scene } from '../support/cluster.ts';
import { waitFor, type TestSocket } from '../support/realtime.ts';

let c: Cluster;
let scene: Scene;
const sockets: TestSocket[] = [];
/** The thousand phones of the first test, reused by the seat race. */
let people: Phone[] = [];

beforeAll(async () => {
	c = await startCluster({ nodes: 2 });
	scene = await seedEvent(c);
}, 60_000);

afterAll(async () => {
	for (const s of sockets) s.close();
	await c?.close();
});

function vote(socket: TestSocket, pollId: string, optionId: string, key: string): Promise<Ack<unknown>> {
	return socket.timeout(10_000).emitWithAck('poll:vote', { pollId, answer: { kind: 'single', optionId }, key }) as Promise<Ack<unknown>>;
}

describe('two processes, one event', () => {
	it('R3 over two processes: 1,000 participants each vote 1–5 times (repeats and new keys) → stored votes = participants = the tally on both stages', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const stageA = await stageOn(c, scene, a);
		const stageB = await stageOn(c, scene, b);
		sockets.push(stageA, stageB);
		const seenA = followResults(stageA);
		const seenB = followResults(stageB);
		people = await phones(c, scene, 1000);
		sockets.push(...people.map((p) => p.socket));
		// The balancer spread them round-robin: both processes serve about half.
		const perBackend = c.balancer.stats().perBackend;
		expect(Math.min(...perBackend)).toBeGreaterThan(400);

		const poll = { id: await openPoll(c, scene, 'R3 across processes?') };
		let seed = 7;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const sends: Promise<Ack<unknown>>[] = [];
		for (const p of people) {
			const key = randomUUID();
			const times = 1 + Math.floor(rnd() * 5);
			for (let t = 0; t < times; t++) {
				// Some repeats replay the first key (a lost ack), some send a new one (a changed mind).
				sends.push(vote(p.socket, poll.id, `o${1 + Math.floor(rnd() * 3)}`, rnd() < 0.5 ? key : randomUUID()));
			}
		}
		const acks = await Promise.all(sends);
		expect(acks.filter((x) => !x.ok)).toEqual([]);

		const stored = await c.db.db.selectFrom('poll_votes').select('participant_id').where('poll_id', '=', poll.id).execute();
		expect(stored.length).toBe(1000);
		expect(new Set(stored.map((r) => r.participant_id)).size).toBe(1000);
		// Both stages end on the database's tally (changed minds included), whichever process took the votes.
		const final = JSON.stringify((await polls.pollResults(await polls.getPoll(poll.id, c.deps), c.deps)).all);
		await waitFor(() => JSON.stringify(seenA.get(poll.id)?.all) === final && JSON.stringify(seenB.get(poll.id)?.all) === final, 5000);
		expect(JSON.parse(final)).toMatchObject({ voters: 1000 });
	}, 120_000);

	it('P7: a vote on one process reaches the stage on the other in the next ticks; local and cross-process latency are reported', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const stageA = await stageOn(c, scene, a);
		const stageB = await stageOn(c, scene, b);
		sockets.push(stageA, stageB);
		// Voters straight on process A: every vote is local to stage A and remote to stage B.
		const voters = await phones(c, scene, 30, { url: a.origin, first: 2000 });
		sockets.push(...voters.map((p) => p.socket));
		const poll = { id: await openPoll(c, scene, 'latency?') };
		const local: number[] = [];
		const remote: number[] = [];
		for (let i = 0; i < voters.length; i++) {
			const wantA = new Promise<number>((res) => {
				const on = (r: ResultsSnapshot) => r.pollId === poll.id && r.all.voters >= i + 1 && (stageA.off('poll:results', on), res(performance.now()));
				stageA.on('poll:results', on);
			});
			const wantB = new Promise<number>((res) => {
				const on = (r: ResultsSnapshot) => r.pollId === poll.id && r.all.voters >= i + 1 && (stageB.off('poll:results', on), res(performance.now()));
				stageB.on('poll:results', on);
			});
			const t0 = performance.now();
			expect((await vote(voters[i]!.socket, poll.id, 'o1', randomUUID())).ok).toBe(true);
			const [ta, tb] = await Promise.all([wantA, wantB]);
			local.push(ta - t0);
			remote.push(tb - t0);
			// Spread the votes over the tick phases.
			await new Promise((r) => setTimeout(r, 37 + (i % 7) * 31));
		}
		const fig = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(0)} ms, p99 ${percentile(xs, 99).toFixed(0)} ms`;
		console.log(`[P7] vote → stage, same process: ${fig(local)}; other process: ${fig(remote)} (n=${local.length})`);
		// Generous gates (a regression, not a benchmark): ticks are 250 ms, forwarding 50 ms.
		expect(percentile(remote, 50)).toBeLessThan(1000);
		expect(percentile(remote, 99)).toBeLessThan(2500);
	}, 120_000);

	it('R1/B3 over two processes: 1,000 phones claim 20 workshops × 20 seats at once (some twice) → never oversold, 400 seats, and the counts on both processes equal the database', async () => {
		expect(people.length).toBe(1000);
		const d = c.deps;
		const b = await createBoard(scene.eventId, { title: 'Slot', mode: 'fcfs', lotteryDeadline: null }, scene.ownerId, d);
		const ws: string[] = [];
		for (let i = 0; i < 20; i++) {
			const sid = (
				await events.createSession(
					scene.eventId,
					{ kind: 'workshop', title: `W${i}`, startsAt: '2026-05-04T14:00', endsAt: '2026-05-04T15:30', room: `R${i}`, livestreamUrl: null },
					scene.ownerId,
					d
				)
			).id;
			await addWorkshop(b.id, { sessionId: sid, capacity: 20, description: '' }, scene.ownerId, d);
			ws.push(sid);
		}
		await setBoardState(b.id, 'open', scene.ownerId, d);
		// A watcher straight on each process: the last counts each process sent its own phones.
		const watchers = [
			(await phones(c, scene, 1, { url: c.nodes[0]!.origin, first: 3000 }))[0]!,
			(await phones(c, scene, 1, { url: c.nodes[1]!.origin, first: 3001 }))[0]!
		];
		sockets.push(...watchers.map((w) => w.socket));
		await Promise.all([...people, ...watchers].map((p) => p.socket.timeout(10_000).emitWithAck('board:watch', { boardId: b.id })));
		const seenOn = [new Map<string, number>(), new Map<string, number>()];
		const seqOn = [0, 0];
		for (const n of [0, 1]) {
			watchers[n]!.socket.on('board:seats', (sc: SeatCounts) => {
				if (sc.boardId !== b.id || sc.seq <= seqOn[n]!) return;
				seqOn[n] = sc.seq;
				for (const w of sc.workshops) seenOn[n]!.set(w.sessionId, w.confirmed);
			});
		}
		let seed = 11;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const claims = people.flatMap((p) => {
			const key = randomUUID();
			const sessionId = ws[Math.floor(rnd() * ws.length)]!;
			const send = () => p.socket.timeout(20_000).emitWithAck('board:claim', { boardId: b.id, sessionId, key }) as Promise<Ack<MyBoardState>>;
			return rnd() < 0.2 ? [send(), send()] : [send()];
		});
		const acks = await Promise.all(claims);
		expect(acks.filter((x) => !x.ok)).toEqual([]);
		const { snapshot, violations } = await checkBoard(c.db.db, b.id, { positions: true });
		expect(violations).toEqual([]);
		const workshops = [...snapshot.workshops.values()];
		expect(workshops.reduce((n, w) => n + w.confirmed.length, 0)).toBe(400);
		expect(workshops.reduce((n, w) => n + w.confirmed.length + w.waitlist.length, 0)).toBe(1000);
		const want = new Map(workshops.map((w) => [w.sessionId, w.confirmed.length]));
		const same = (m: Map<string, number>) => [...want].every(([sid, n]) => m.get(sid) === n);
		await waitFor(() => same(seenOn[0]!) && same(seenOn[1]!), 5000);
	}, 120_000);

	it('Q8 over two processes: a question asked on one process and upvoted from the other is on both stages, with its count, on the next Q&A ticks', async () => {
		const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
		const stages = [await stageOn(c, scene, a), await stageOn(c, scene, b)];
		sockets.push(...stages);
		const lists = stages.map((st) => {
			const seen = { seq: 0, questions: [] as PublicQaSnapshot['questions'] };
			st.on('qa:public', (q: PublicQaSnapshot) => {
				if (q.sessionId === scene.sessionId && q.seq > seen.seq) Object.assign(seen, { seq: q.seq, questions: q.questions });
			});
			return seen;
		});
		const [asker] = await phones(c, scene, 1, { url: a.origin, first: 4000 });
		const upvoters = await phones(c, scene, 5, { url: b.origin, first: 4001 });
		sockets.push(asker!.socket, ...upvoters.map((p) => p.socket));
		const asked = (await asker!.socket
			.timeout(5000)
			.emitWithAck('qa:ask', { sessionId: scene.sessionId, text: 'Wie geht es weiter?', name: null, key: randomUUID() })) as Ack<{ id: string }>;
		expect(asked.ok).toBe(true);
		const questionId = asked.ok ? asked.data.id : '';
		const ups = await Promise.all(
			upvoters.map((p) => p.socket.timeout(5000).emitWithAck('qa:upvote', { questionId, up: true, key: randomUUID() }) as Promise<Ack<unknown>>)
		);
		expect(ups.filter((u) => !u.ok)).toEqual([]);
		await waitFor(() => lists.every((l) => l.questions.find((q) => q.id === questionId)?.votes === 5), 5000);
	}, 60_000);
});
