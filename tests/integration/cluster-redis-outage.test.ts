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
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as polls from '../../src/lib/server/polls/service.ts';
import type { PresenceCounts, VoteView } from '../../src/lib/shared/protocol.ts';
import type { ResultsSnapshot, Tally } from '../../src/lib/shared/polls.ts';
import type { Ack } from '../../src/lib/shared/result.ts';
import { freePort } from '../support/built-server.ts';
import { phones, seedEvent, stageOn, startCluster, type Cluster, type Phone, type Scene } from '../support/cluster.ts';
import type { PlenumProcess } from '../support/plenum-process.ts';
import { waitFor, type TestSocket } from '../support/realtime.ts';

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

/** Answers a raw RESP PING within 500 ms? (Also true for any Redis, so the port must be ours.) */
function pings(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const s = tcpConnect({ host: '127.0.0.1', port });
		const done = (ok: boolean) => {
			s.destroy();
			resolve(ok);
		};
		s.setTimeout(500, () => done(false));
		s.once('error', () => done(false));
		s.once('connect', () => s.write('PING\r\n'));
		s.once('data', (d: Buffer) => done(d.toString().startsWith('+PONG')));
	});
}

/**
 * A redis-server of the test's own on a spare port, without persistence: stopping it loses
 * everything, and `start()` again brings back an empty Redis on the same port.
 */
class OwnRedis {
	readonly logs: string[] = [];
	readonly port: number;
	private readonly dir: string;
	private child: ChildProcess | null = null;

	constructor(port: number) {
		this.port = port;
		this.dir = mkdtempSync(join(tmpdir(), 'plenum-redis-'));
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts redis-server and resolves (with the moment it answered) once it answers PING. */
	async start(): Promise<number> {
		const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d: Buffer) => this.logs.push(d.toString()));
		child.stderr!.on('data', (d: Buffer) => this.logs.push(d.toString()));
		this.child = child;
		const end = Date.now() + 10_000;
		while (Date.now() < end) {
			if (child.exitCode !== null) throw new Error(`redis-server exited: ${this.logs.join('')}`);
			if (await pings(this.port)) return performance.now();
			await sleep(25);
		}
		throw new Error(`redis-server not answering in 10 s: ${this.logs.join('')}`);
	}

	/** Ends redis-server with a signal (SIGKILL: no goodbye to its clients) and waits until it is gone. */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill(signal);
		await exited;
		this.child = null;
	}

	async close(): Promise<void> {
		await this.kill();
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** The latest results snapshot a socket was sent (by sequence number), and when each came. */
class ResultsSeen {
	latest: ResultsSnapshot | null = null;
	readonly history: { at: number; snap: ResultsSnapshot }[] = [];

	constructor(socket: TestSocket, pollId: string) {
		socket.on('poll:results', (r) => {
			if (r.pollId !== pollId) return;
			this.history.push({ at: performance.now(), snap: r });
			if (!this.latest || r.seq > this.latest.seq) this.latest = r;
		});
	}
}

/** The latest presence counts a stage screen was sent for the session (room + online). */
class PresenceSeen {
	total: number | null = null;

	constructor(socket: TestSocket, sessionId: string) {
		socket.on('presence:counts', (p: PresenceCounts) => {
			if (p.sessionId === sessionId) this.total = p.room + p.online;
		});
	}
}

/** Same single-choice tally: voters and the count of every option. */
function sameTally(a: Tally | undefined, b: Tally): boolean {
	if (!a || a.kind !== 'single' || b.kind !== 'single' || a.voters !== b.voters) return false;
	return [...new Set([...Object.keys(a.counts), ...Object.keys(b.counts)])].every((o) => (a.counts[o] ?? 0) === (b.counts[o] ?? 0));
}

type Phase = 'up' | 'outage' | 'tail' | 'after';
/** A vote's answer: the server's ack, or no ack within 10 s (never acceptable). */
type VoteAck = Ack<VoteView> | { ok: false; error: { code: 'no_ack'; message: string } };

/** A phone with what the test knows of it: its process (when found out) and its last idempotency key. */
interface Voter {
	phone: Phone;
	node: 0 | 1 | null;
	lastKey: string | null;
	lastOption: string | null;
}

/** One vote sent: what, when, in which phase, and the answer. */
interface Sent {
	participantId: string;
	node: 0 | 1 | null;
	key: string;
	optionId: string;
	repeat: boolean;
	phase: Phase;
	ack: VoteAck;
}

let redis: OwnRedis | null = null;
let c: Cluster | undefined;
let scene: Scene;
let pollId: string;
const sockets: TestSocket[] = [];
const startedAt = performance.now();

beforeAll(async () => {
	redis = new OwnRedis(await freePort());
	await redis.start();
	// Info level: the processes log "redis is back", which the report quotes when something fails.
	c = await startCluster({ nodes: 2, redisUrl: redis.url, env: { LOG_LEVEL: 'info' } });
	scene = await seedEvent(c);
	const p = await polls.createPoll(
		scene.sessionId,
		{ kind: 'single', question: 'D4: Redis away?', options: ['Ja', 'Nein', 'Vielleicht'], allowChange: true, resultsVisibility: 'live', showNames: false },
		scene.ownerId,
		c.deps
	);
	await polls.openPoll(p.id, scene.ownerId, c.deps);
	pollId = p.id;
}, 60_000);

afterAll(async () => {
	for (const s of sockets) s.close();
	await c?.close();
	await redis?.close();
});

/** The last lines of each process's log, for failure messages. */
function processLogs(nodes: PlenumProcess[]): string {
	return nodes.map((n, i) => `--- process ${'AB'[i]} (alive: ${n.alive}) ---\n${n.logs.join('').slice(-6000)}`).join('\n');
}

describe('D4: Redis down for 30 s', () => {
	it('no crash; every vote acked durably or refused `unavailable`; local fan-out continues; cross-process fan-out and presence resume within 10 s', async () => {
		const cl = c!;
		const own = redis!;
		const [a, b] = cl.nodes as [PlenumProcess, PlenumProcess];
		const dbTally = async () => (await polls.pollResults(await polls.getPoll(pollId, cl.deps), cl.deps)).all;

		const stageA = await stageOn(cl, scene, a);
		const stageB = await stageOn(cl, scene, b);
		sockets.push(stageA, stageB);
		const seenA = new ResultsSeen(stageA, pollId);
		const seenB = new ResultsSeen(stageB, pollId);
		const presenceA = new PresenceSeen(stageA, scene.sessionId);
		const presenceB = new PresenceSeen(stageB, scene.sessionId);

		// Phones through the balancer. The first ones one at a time, to learn each one's process from
		// the balancer's counts; the rest in batches.
		const voters: Voter[] = [];
		const known: Voter[][] = [[], []];
		const wantA = FRESH_ON_A + 2;
		const wantB = 2;
		for (let k = 0; k < 120 && (known[0]!.length < wantA || known[1]!.length < wantB); k++) {
			const before = cl.balancer.stats().perBackend;
			const [phone] = await phones(cl, scene, 1, { first: k });
			sockets.push(phone!.socket);
			const after = cl.balancer.stats().perBackend;
			const node = after.findIndex((n, i) => n > before[i]!);
			expect(node === 0 || node === 1, `phone ${k} on no process (${before} → ${after})`).toBe(true);
			const v: Voter = { phone: phone!, node: node as 0 | 1, lastKey: null, lastOption: null };
			voters.push(v);
			known[node]!.push(v);
		}
		expect(known[0]!.length).toBeGreaterThanOrEqual(wantA);
		expect(known[1]!.length).toBeGreaterThanOrEqual(wantB);
		const rest = await phones(cl, scene, PHONES - voters.length, { first: voters.length });
		sockets.push(...rest.map((p) => p.socket));
		voters.push(...rest.map((phone): Voter => ({ phone, node: null, lastKey: null, lastOption: null })));
		const perBackend = cl.balancer.stats().perBackend as [number, number];
		expect(perBackend[0] + perBackend[1]).toBe(PHONES);
		expect(Math.min(...perBackend)).toBeGreaterThan(PHONES / 4);

		// Roles on process A: a phone watching results (and voting), and fresh phones kept for the end.
		const watcherA = known[0]![0]!;
		const fresh = known[0]!.slice(2, 2 + FRESH_ON_A);
		const freshSet = new Set(fresh);
		const phoneSeenA = new ResultsSeen(watcherA.phone.socket, pollId);
		const loadVoters = voters.filter((v) => !freshSet.has(v));

		let seed = 4;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const pick = () => `o${1 + Math.floor(rnd() * 3)}`;
		const sent: Sent[] = [];
		const cast = async (v: Voter, phase: Phase, how: { repeat?: boolean; optionId?: string } = {}): Promise<VoteAck> => {
			const repeat = how.repeat === true && v.lastKey !== null;
			const key = repeat ? v.lastKey! : randomUUID();
			const optionId = repeat ? v.lastOption! : (how.optionId ?? pick());
			let ack: VoteAck;
			try {
				ack = (await v.phone.socket.timeout(10_000).emitWithAck('poll:vote', { pollId, answer: { kind: 'single', optionId }, key })) as Ack<VoteView>;
			} catch (e) {
				ack = { ok: false, error: { code: 'no_ack', message: e instanceof Error ? e.message : String(e) } };
			}
			sent.push({ participantId: v.phone.participantId, node: v.node, key, optionId, repeat, phase, ack });
			// The real client keeps a refused action and sends it again with the same key.
			v.lastKey = key;
			v.lastOption = optionId;
			return ack;
		};

		// Phase 1, Redis up: a vote on A alone reaches B's stage, a vote on B alone reaches A's, then
		// everyone votes once and both stages end on the database's tally; presence counts everyone.
		expect((await cast(known[0]![1]!, 'up', { optionId: 'o1' })).ok).toBe(true);
		let want = await dbTally();
		await waitFor(() => sameTally(seenB.latest?.all, want), 5000);
		expect((await cast(known[1]![0]!, 'up', { optionId: 'o2' })).ok).toBe(true);
		want = await dbTally();
		await waitFor(() => sameTally(seenA.latest?.all, want), 5000);
		const phase1 = await Promise.all(loadVoters.filter((v) => v.lastKey === null).map((v) => cast(v, 'up')));
		expect(phase1.filter((x) => !x.ok)).toEqual([]);
		want = await dbTally();
		await waitFor(() => sameTally(seenA.latest?.all, want) && sameTally(seenB.latest?.all, want), 5000);
		await waitFor(() => presenceA.total === PHONES && presenceB.total === PHONES, 5000);

		// Redis goes away. Both processes are watched: alive, /healthz answering, twice a second.
		const health = { checks: 0, failures: [] as string[], deaths: [] as string[] };
		let watching = true;
		const healthLoop = (async () => {
			while (watching) {
				for (const [i, n] of [a, b].entries()) {
					health.checks++;
					if (!n.alive) {
						if (!health.deaths.includes('AB'[i]!)) health.deaths.push('AB'[i]!);
						continue;
					}
					try {
						const res = await fetch(`${n.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
						if (!res.ok) health.failures.push(`${'AB'[i]}: /healthz ${res.status}`);
					} catch (e) {
						health.failures.push(`${'AB'[i]}: /healthz ${e instanceof Error ? e.message : String(e)}`);
					}
				}
				await sleep(500);
			}
		})();
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
			await waitFor(() => sameTally(phoneSeenA.latest?.all, atTail) && sameTally(seenA.latest?.all, atTail), 3000);
			const localMs = performance.now() - tTail;
			const ticksOnPhoneA = phoneSeenA.history.filter((h) => h.at > tKill).length;

			await sleep(Math.max(0, tKill + OUTAGE_MS - performance.now()));
			// Sanity of the setup: B really was cut off (it still shows fewer voters than the database).
			expect(seenB.latest!.all.voters).toBeLessThan(atTail.voters);
			// After 15 s without word, each stage counts only its own process's participants.
			expect({ A: presenceA.total, B: presenceB.total }).toEqual({ A: perBackend[0], B: perBackend[1] });
			expect(health.deaths, processLogs([a, b])).toEqual([]);

			// Redis returns, empty, on the same port.
			const tRet = await own.start();
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
				await waitFor(() => (seenB.latest?.all.voters ?? 0) >= target, 1000).catch(() => {});
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
				await waitFor(() => sameTally(seenB.latest?.all, now), 2000).catch(() => {
					throw new Error(
						`vote on A not on B's stage within 2 s after the return (B shows ${JSON.stringify(seenB.latest?.all)}, database ${JSON.stringify(now)})\n${processLogs([a, b])}`
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
			const possible = new Map<string, Set<string | null>>();
			for (const s of sent) {
				const set = possible.get(s.participantId) ?? new Set<string | null>([null]);
				if (s.ack.ok) possible.set(s.participantId, new Set([s.optionId]));
				else possible.set(s.participantId, set.add(s.optionId));
			}
			const lost = [...possible]
				.filter(([pid, set]) => !set.has(stored.get(pid) ?? null))
				.map(([pid, set]) => ({ pid, want: [...set], stored: stored.get(pid) ?? null }));
			expect(lost).toEqual([]);
			expect([...stored.keys()].every((pid) => possible.has(pid))).toBe(true);
			// Every ok:true of the outage is a row now.
			expect(okDuringOutage.every((s) => stored.has(s.participantId))).toBe(true);

			// The end state: both stages equal the database.
			const final = await dbTally();
			expect(final.voters).toBe(rows.length);
			await waitFor(() => sameTally(seenA.latest?.all, final) && sameTally(seenB.latest?.all, final), 2000);

			watching = false;
			await healthLoop;
			expect(health.deaths, processLogs([a, b])).toEqual([]);
			expect(health.failures, processLogs([a, b])).toEqual([]);
			expect(a.alive && b.alive, processLogs([a, b])).toBe(true);
			// A Redis outage is expected weather: warnings, never an error (a failed tick, an unhandled rejection).
			const errors = [a, b].flatMap((n) => n.logs.join('').split('\n')).filter((l) => /"level":"(error|fatal)"|Unhandled|uncaught/i.test(l));
			expect(errors).toEqual([]);

			console.log(
				`[D4] outage ${(outageMs / 1000).toFixed(1)} s: ${okDuringOutage.length} votes acked during outage (all stored), ${refused.length} refused unavailable, ` +
					`processes alive (${health.checks} health checks ok); local fan-out during the outage: phone on A got ${ticksOnPhoneA} results ticks, tail votes on its screen after ${localMs.toFixed(0)} ms; ` +
					`fan-out resumed ${resumeMs.toFixed(0)} ms after Redis returned; stage B = database after ${equalMs.toFixed(0)} ms; ` +
					`then A → B stage ${steady.map((x) => x.toFixed(0)).join('/')} ms; presence complete after ${presenceMs.toFixed(0)} ms; total test time ${((performance.now() - startedAt) / 1000).toFixed(1)} s`
			);
		} finally {
			watching = false;
			await healthLoop;
		}
	}, 150_000);
});
