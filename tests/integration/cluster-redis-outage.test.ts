/**
 * D4 (quality.md; issue 6): Redis stopped for 30 s during a poll. Two real Plenum processes on
 * PostgreSQL behind the sticky balancer, and a redis-server the test itself runs on a spare port
 * without persistence, SIGKILLed for 30 s and started again empty, as after a crash.
 *
 * Passes when no process crashes (both stay alive and answer /healthz), every vote during the
 * outage is acknowledged durably (in poll_votes afterwards) or refused with `unavailable`, a
 * phone on a process still gets that process's results (local fan-out), and within 10 s of
 * Redis's return a vote on process A reaches the stage on process B, B's stage equals the
 * database, and presence counts include the other process's participants again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceCounts } from '../../src/lib/shared/protocol.ts';
import type { ResultsSnapshot, Tally } from '../../src/lib/shared/polls.ts';
import { sampleEndpoint } from '../support/endpoint-sampler.ts';
import { databaseTally, followResults, openPoll, phones, placedPhones, processLogs, seedEvent, stageOn, startCluster } from '../support/cluster.ts';
import type { Cluster, Scene } from '../support/cluster.ts';
import type { PlenumProcess } from '../support/plenum-process.ts';
import { RedisServer } from '../support/redis-server.ts';
import { waitFor, type TestSocket } from '../support/realtime.ts';
import { voter, VoteLog } from '../support/vote-log.ts';

/** How long Redis stays away (the figure). */
const OUTAGE_MS = 30_000;
/** The outage's last stretch: only phones on process A vote, so B's stage is behind when Redis returns. */
const TAIL_MS = 3_000;
/** The bound for cross-process fan-out after Redis returns. */
const RESUME_BOUND_MS = 10_000;
/** Phones through the balancer in all. */
const PHONES = 200;
/** Phones on process A that vote only at the end of the outage or after it (each one a new voter). */
const FRESH_ON_A = 22;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The poll's latest results a socket was sent (by sequence number), and when each snapshot came. */
function resultsSeen(socket: TestSocket, pollId: string): { latest: () => ResultsSnapshot | undefined; history: { at: number; snap: ResultsSnapshot }[] } {
	const history: { at: number; snap: ResultsSnapshot }[] = [];
	const latest = followResults(socket, (r) => {
		if (r.pollId === pollId) history.push({ at: performance.now(), snap: r });
	});
	return { latest: () => latest.get(pollId), history };
}

/** The latest presence total (room + online) a stage screen was sent for the session. */
function presenceSeen(socket: TestSocket, sessionId: string): { total: number | null } {
	const seen: { total: number | null } = { total: null };
	socket.on('presence:counts', (p: PresenceCounts) => {
		if (p.sessionId === sessionId) seen.total = p.room + p.online;
	});
	return seen;
}

/** Same single-choice tally: voters and the count of every option. */
function sameTally(a: Tally | undefined, b: Tally): boolean {
	if (!a || a.kind !== 'single' || b.kind !== 'single' || a.voters !== b.voters) return false;
	return [...new Set([...Object.keys(a.counts), ...Object.keys(b.counts)])].every((o) => (a.counts[o] ?? 0) === (b.counts[o] ?? 0));
}

/** Redis up at first, the outage, its last stretch (only fresh phones on A vote), after Redis's return. */
type Phase = 'up' | 'outage' | 'tail' | 'after';

let redis: RedisServer | null = null;
let c: Cluster | undefined;
let scene: Scene;
let pollId: string;
const sockets: TestSocket[] = [];
/** The /healthz sampler, stopped in afterAll too when an assertion ends the test early. */
let health: ReturnType<typeof sampleEndpoint> | undefined;
const startedAt = performance.now();

beforeAll(async () => {
	redis = await RedisServer.start();
	// Info level: the processes log "redis is back", which the report quotes when something fails.
	c = await startCluster({ nodes: 2, redisUrl: redis.url, env: { LOG_LEVEL: 'info' } });
	scene = await seedEvent(c);
	pollId = await openPoll(c, scene, 'D4: Redis away?');
}, 60_000);

afterAll(async () => {
	await health?.stop();
	for (const s of sockets) s.close();
	await c?.close();
	await redis?.close();
});

describe('D4: Redis down for 30 s', () => {
	it('no crash; every vote acked durably or refused `unavailable`; local fan-out continues; cross-process fan-out and presence resume within 10 s', async () => {
		const cl = c!;
		const own = redis!;
		const [a, b] = cl.nodes as [PlenumProcess, PlenumProcess];
		const dbTally = () => databaseTally(cl, pollId);

		const stageA = await stageOn(cl, scene, a);
		const stageB = await stageOn(cl, scene, b);
		sockets.push(stageA, stageB);
		const seenA = resultsSeen(stageA, pollId);
		const seenB = resultsSeen(stageB, pollId);
		const presenceA = presenceSeen(stageA, scene.sessionId);
		const presenceB = presenceSeen(stageB, scene.sessionId);

		// Phones through the balancer. The first ones one at a time, to learn each one's process from
		// the balancer's counts; the rest in batches.
		const placed = await placedPhones(cl, scene, [FRESH_ON_A + 2, 2]);
		sockets.push(...placed.map((p) => p.phone.socket));
		expect(placed.filter((p) => p.node !== 0 && p.node !== 1).map((p) => `phone ${p.phone.address} on no process`)).toEqual([]);
		const voters = placed.map(({ phone, node }) => voter(phone, node));
		const known = [0, 1].map((node) => voters.filter((v) => v.node === node));
		expect(known[0]!.length).toBeGreaterThanOrEqual(FRESH_ON_A + 2);
		expect(known[1]!.length).toBeGreaterThanOrEqual(2);
		const rest = await phones(cl, scene, PHONES - voters.length, { first: voters.length });
		sockets.push(...rest.map((p) => p.socket));
		voters.push(...rest.map((phone) => voter(phone)));
		const perBackend = cl.balancer.stats().perBackend as [number, number];
		expect(perBackend[0] + perBackend[1]).toBe(PHONES);
		expect(Math.min(...perBackend)).toBeGreaterThan(PHONES / 4);

		// Roles on process A: a phone watching results (and voting), and fresh phones kept for the end.
		const watcherA = known[0]![0]!;
		const fresh = known[0]!.slice(2, 2 + FRESH_ON_A);
		const freshSet = new Set(fresh);
		const phoneSeenA = resultsSeen(watcherA.phone.socket, pollId);
		const loadVoters = voters.filter((v) => !freshSet.has(v));

		let seed = 4;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const pick = () => `o${1 + Math.floor(rnd() * 3)}`;
		const votes = new VoteLog<Phase>(pollId, pick);
		const cast = votes.cast.bind(votes);
		const sent = votes.sent;

		// Phase 1, Redis up: a vote on A alone reaches B's stage, a vote on B alone reaches A's, then
		// everyone votes once and both stages end on the database's tally; presence counts everyone.
		expect((await cast(known[0]![1]!, 'up', { optionId: 'o1' })).ok).toBe(true);
		let want = await dbTally();
		await waitFor(() => sameTally(seenB.latest()?.all, want), 5000);
		expect((await cast(known[1]![0]!, 'up', { optionId: 'o2' })).ok).toBe(true);
		want = await dbTally();
		await waitFor(() => sameTally(seenA.latest()?.all, want), 5000);
		const phase1 = await Promise.all(loadVoters.filter((v) => v.lastKey === null).map((v) => cast(v, 'up')));
		expect(phase1.filter((x) => !x.ok)).toEqual([]);
		want = await dbTally();
		await waitFor(() => sameTally(seenA.latest()?.all, want) && sameTally(seenB.latest()?.all, want), 5000);
		await waitFor(() => presenceA.total === PHONES && presenceB.total === PHONES, 5000);

		// Redis goes away. Both processes are watched: alive, /healthz answering, twice a second.
		const healthz = (health = sampleEndpoint([a, b], '/healthz', { everyMs: 500, timeoutMs: 2000 }));
		const deaths = () => [a, b].flatMap((n, i) => (n.alive ? [] : ['AB'[i]]));
		const tKill = performance.now();
		await own.kill('SIGKILL');

		try {
			// Everyone keeps voting, each phone one action at a time: new answers and repeats of the last key.
			const loadEnd = tKill + OUTAGE_MS - TAIL_MS;
			await Promise.all(
				loadVoters.map(async (v) => {
					for (;;) {
						await sleep(300 + rnd() * 1700);
						if (performance.now() >= loadEnd) return;
						await cast(v, 'outage', { repeat: rnd() < 0.3 });
					}
				})
			);

			// The tail: only fresh phones on A vote (each a new voter). A's phone and stage get them on
			// A's own ticks; B's stage cannot learn of them until Redis is back.
			for (const v of fresh.splice(0, 3)) {
				const ack = await cast(v, 'tail', { optionId: 'o3' });
				expect(ack.ok || ack.error.code === 'unavailable', JSON.stringify(ack)).toBe(true);
			}
			const atTail = await dbTally();
			const tTail = performance.now();
			await waitFor(() => sameTally(phoneSeenA.latest()?.all, atTail) && sameTally(seenA.latest()?.all, atTail), 3000);
			const localMs = performance.now() - tTail;
			const ticksOnPhoneA = phoneSeenA.history.filter((h) => h.at > tKill).length;

			await sleep(Math.max(0, tKill + OUTAGE_MS - performance.now()));
			// Sanity of the setup: B really was cut off (it still shows fewer voters than the database).
			expect(seenB.latest()!.all.voters).toBeLessThan(atTail.voters);
			// After 15 s without word, each stage counts only its own process's participants.
			expect({ A: presenceA.total, B: presenceB.total }).toEqual({ A: perBackend[0], B: perBackend[1] });
			expect(deaths(), processLogs([a, b])).toEqual([]);

			// Redis returns, empty, on the same port.
			const tRet = await own.launch();
			const outageMs = tRet - tKill;

			// Probes: a fresh phone on A votes (one more voter each time) until B's stage shows one.
			const V0 = atTail.voters;
			const tallies: Tally[] = [atTail];
			const probeSeenOnB = () => seenB.history.find((h) => h.at > tRet && h.snap.all.voters > V0);
			while (!probeSeenOnB() && performance.now() - tRet < RESUME_BOUND_MS + 5000) {
				const v = fresh.shift();
				if (!v) break;
				const ack = await cast(v, 'after', { optionId: 'o2' });
				expect(ack.ok, JSON.stringify(ack)).toBe(true);
				tallies.push(await dbTally());
				const target = V0 + tallies.length - 1;
				await waitFor(() => (seenB.latest()?.all.voters ?? 0) >= target, 1000).catch(() => {});
			}
			const firstProbe = probeSeenOnB();
			const resumeMs = firstProbe ? firstProbe.at - tRet : Infinity;
			expect(resumeMs, `no vote made on A after Redis returned reached B's stage within ${RESUME_BOUND_MS} ms\n${processLogs([a, b])}`).toBeLessThanOrEqual(
				RESUME_BOUND_MS
			);

			// B's stage equal to the database: the first snapshot after the return that includes the
			// votes B missed; each such snapshot must equal the database tally with that many voters.
			const caughtUp = seenB.history.filter((h) => h.at > tRet && h.snap.all.voters >= V0);
			for (const h of caughtUp) {
				const db = tallies[h.snap.all.voters - V0];
				expect(db !== undefined && sameTally(h.snap.all, db), `B showed ${JSON.stringify(h.snap.all)}, database had ${JSON.stringify(db)}`).toBe(true);
			}
			const equalMs = caughtUp[0]!.at - tRet;
			expect(equalMs).toBeLessThanOrEqual(RESUME_BOUND_MS);

			// Steady again: three more votes on A, each on B's stage within 2 s.
			const steady: number[] = [];
			for (let i = 0; i < 3; i++) {
				const v = fresh.shift();
				expect(v, 'fresh phones on A used up').toBeDefined();
				const t0 = performance.now();
				expect((await cast(v!, 'after', { optionId: 'o1' })).ok).toBe(true);
				const now = await dbTally();
				await waitFor(() => sameTally(seenB.latest()?.all, now), 2000).catch(() => {
					throw new Error(
						`vote on A not on B's stage within 2 s after the return (B shows ${JSON.stringify(seenB.latest()?.all)}, database ${JSON.stringify(now)})\n${processLogs([a, b])}`
					);
				});
				steady.push(performance.now() - t0);
			}

			// Presence: each stage counts the other process's participants again.
			await waitFor(() => presenceA.total === PHONES && presenceB.total === PHONES, Math.max(0, tRet + RESUME_BOUND_MS - performance.now())).catch(() => {
				throw new Error(`presence after the return: A ${presenceA.total}, B ${presenceB.total}, want ${PHONES}\n${processLogs([a, b])}`);
			});
			const presenceMs = performance.now() - tRet;

			// The oracle over every vote of the test.
			const outageAcks = sent.filter((s) => s.phase === 'outage' || s.phase === 'tail');
			const odd = sent.filter((s) => !(s.ack.ok || (s.ack.error.code === 'unavailable' && (s.phase === 'outage' || s.phase === 'tail'))));
			expect(odd.map((s) => ({ phase: s.phase, ack: s.ack }))).toEqual([]);
			const wrongAnswer = sent.filter(
				(s) => s.ack.ok && (s.ack.data.pollId !== pollId || JSON.stringify(s.ack.data.answer) !== JSON.stringify({ kind: 'single', optionId: s.optionId }))
			);
			expect(wrongAnswer).toEqual([]);
			const okDuringOutage = outageAcks.filter((s) => s.ack.ok);
			const refused = outageAcks.filter((s) => !s.ack.ok);
			// Both processes took votes while Redis was away.
			expect(okDuringOutage.some((s) => s.node === 0) && okDuringOutage.some((s) => s.node === 1)).toBe(true);

			// Each participant's actions were sequential: the stored answer is the last acked one, or
			// (if later ones were refused) one of those; an acked vote is never missing.
			const rows = await cl.db.db.selectFrom('poll_votes').select(['participant_id', 'answer']).where('poll_id', '=', pollId).execute();
			const stored = new Map(rows.map((r) => [r.participant_id, (JSON.parse(r.answer) as { optionId: string }).optionId]));
			expect(stored.size).toBe(rows.length);
			expect(votes.unexplained(stored)).toEqual([]);
			const senders = new Set(sent.map((s) => s.participantId));
			expect([...stored.keys()].every((pid) => senders.has(pid))).toBe(true);
			// Every ok:true of the outage is a row now.
			expect(okDuringOutage.every((s) => stored.has(s.participantId))).toBe(true);

			// The end state: both stages equal the database.
			const final = await dbTally();
			expect(final.voters).toBe(rows.length);
			await waitFor(() => sameTally(seenA.latest()?.all, final) && sameTally(seenB.latest()?.all, final), 2000);

			await healthz.stop();
			expect(deaths(), processLogs([a, b])).toEqual([]);
			const unhealthy = healthz.samples.filter((x) => x.status < 200 || x.status > 299).map((x) => `${'AB'[x.node]}: /healthz ${x.error ?? x.status}`);
			expect(unhealthy, processLogs([a, b])).toEqual([]);
			expect(a.alive && b.alive, processLogs([a, b])).toBe(true);
			// A Redis outage is expected weather: warnings, never an error (a failed tick, an unhandled rejection).
			const errors = [a, b].flatMap((n) => n.logs.join('').split('\n')).filter((l) => /"level":"(error|fatal)"|Unhandled|uncaught/i.test(l));
			expect(errors).toEqual([]);

			console.log(
				`[D4] outage ${(outageMs / 1000).toFixed(1)} s: ${okDuringOutage.length} votes acked during outage (all stored), ${refused.length} refused unavailable, ` +
					`processes alive (${healthz.samples.length} health checks ok); local fan-out during the outage: phone on A got ${ticksOnPhoneA} results ticks, tail votes on its screen after ${localMs.toFixed(0)} ms; ` +
					`fan-out resumed ${resumeMs.toFixed(0)} ms after Redis returned; stage B = database after ${equalMs.toFixed(0)} ms; ` +
					`then A → B stage ${steady.map((x) => x.toFixed(0)).join('/')} ms; presence complete after ${presenceMs.toFixed(0)} ms; total test time ${((performance.now() - startedAt) / 1000).toFixed(1)} s`
			);
		} finally {
			await healthz.stop();
		}
	}, 150_000);
});
