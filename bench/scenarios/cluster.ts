import type { BenchContext } from '../lib/context.ts';
import { BENCH_REDIS_URL, benchRedisPrefix, clearRedisPrefix, percentileOf, PROBE_TIMEOUT_MS, startProbe, type ProbeReport } from '../lib/cluster.ts';
import { seedPlenum } from '../lib/seed.ts';
import { createPgDatabase } from '../../tests/support/databases.ts';
import { summarise, target, type ScenarioResult } from '../lib/report.ts';
import { startServer } from '../lib/servers.ts';
import { Swarm, type LoadReport } from '../swarm/swarm.ts';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * P7 two processes + Redis (quality.md §1: "N split over both, votes to both; local vs remote
 * latency"): two Plenum processes on a fresh PostgreSQL database and Redis under a prefix of the
 * run's own, half the phones on each (a swarm each, one worker). Only A's phones vote (P2's rate,
 * N/100 per s) while B's swarm runs a step without votes, so what B's phones receive went through
 * Redis: B's delivery is the cross-process delivery. Each process ticks on its own, so a swarm's
 * broadcast latency starts at its own process's tick; a probe times vote → phone on both sides.
 * Plenum only: the Socket.IO baseline has no two-process shape. Everything it creates (processes,
 * swarms, database, Redis keys) is removed at the end, also when it fails.
 */
export async function twoProcesses(ctx: BenchContext): Promise<ScenarioResult> {
	const nA = Math.ceil(ctx.n / 2);
	const nB = ctx.n - nA;
	const perSecond = ctx.n / 100;
	const durationMs = ctx.quick ? 15_000 : 60_000;
	const cleanup: { what: string; run: () => Promise<unknown> }[] = [];
	try {
		const db = await createPgDatabase();
		cleanup.push({ what: 'drop the database', run: db.drop });
		ctx.log(`seeding ${ctx.n} participants into PostgreSQL…`);
		const { probe: probeOrNull, ...scene } = await seedPlenum({ databaseUrl: db.url }, ctx.n, { probe: true });
		const probe = probeOrNull!;
		const prefix = benchRedisPrefix();
		cleanup.push({ what: 'clear the Redis keys', run: () => clearRedisPrefix(BENCH_REDIS_URL, prefix) });
		const env = { DATABASE_URL: db.url, REDIS_URL: BENCH_REDIS_URL, REDIS_PREFIX: prefix };
		// Both on the server core: on two cores the generator keeps the other one.
		const a = await startServer('plenum', { core: ctx.serverCore, env });
		cleanup.push({ what: 'stop process A', run: () => a.stop() });
		const b = await startServer('plenum', { core: ctx.serverCore, env });
		cleanup.push({ what: 'stop process B', run: () => b.stop() });
		const swarmA = await Swarm.start({ workers: 1 });
		cleanup.push({ what: 'close swarm A', run: () => swarmA.close() });
		const swarmB = await Swarm.start({ workers: 1 });
		cleanup.push({ what: 'close swarm B', run: () => swarmB.close() });

		const plenum = (url: string, cookies: string[]) => ({ origin: url, cookies, eventId: scene.eventId, sessionId: scene.sessionId });
		const [connA, connB] = await Promise.all([
			swarmA.connect({ target: 'plenum', url: a.url, clients: nA, ratePerSec: 500, plenum: plenum(a.url, scene.cookies.slice(0, nA)) }),
			swarmB.connect({ target: 'plenum', url: b.url, clients: nB, ratePerSec: 500, plenum: plenum(b.url, scene.cookies.slice(nA)) })
		]);
		const reasons: string[] = [];
		for (const [name, c, want] of [
			['A', connA, nA],
			['B', connB, nB]
		] as const)
			if (c.failed > 0) {
				ctx.log(`process ${name}: ${c.failed} of ${want} connections failed (${c.errors.join('; ')})`);
				reasons.push(`process ${name}: ${c.failed} of ${want} connections failed`);
			}
		await delay(1000);
		await Promise.all([a.reset(), b.reset()]);

		const prober = await startProbe({ localUrl: a.url, remoteUrl: b.url, eventId: scene.eventId, probe });
		let loads: [LoadReport, LoadReport];
		let probed: ProbeReport;
		try {
			loads = await Promise.all([
				swarmA.run({ kind: 'votes', perSecond, durationMs, pollId: scene.pollIds[0], options: 4, repeatKeyShare: 0.1 }),
				// No votes: B's phones only receive (the swarm accepts perSecond 0).
				swarmB.run({ kind: 'votes', perSecond: 0, durationMs, pollId: scene.pollIds[0], options: 4 })
			]);
		} finally {
			probed = await prober.stop();
		}
		const [loadA, loadB] = loads;
		const [stA, stB] = await Promise.all([a.stats(false), b.stats(false)]);
		// B sends no votes, so a B that received nothing would count as fully delivered: it is a total loss.
		const deliveryB = loadB.received === 0 && loadA.sent > 0 ? 0 : loadB.deliveryRatio;
		const p = (xs: number[], q: number) => (xs.length ? percentileOf(xs, q) : null);
		// A probe vote a phone never saw counts as seen at the timeout, so misses raise the percentiles.
		const localMs = [...probed.localMs, ...Array<number>(probed.localMissed).fill(PROBE_TIMEOUT_MS)];
		const remoteMs = [...probed.remoteMs, ...Array<number>(probed.remoteMissed).fill(PROBE_TIMEOUT_MS)];

		for (const [name, busy] of [
			['A', loadA.busy],
			['B', loadB.busy]
		] as const)
			if (busy > 0.7) reasons.push(`swarm ${name}: load generator ${(busy * 100).toFixed(0)}% busy (over 70%)`);
		for (const [name, ratio] of [
			['A', loadA.deliveryRatio],
			['B', deliveryB]
		] as const)
			if (ratio < 0.99) reasons.push(`process ${name}: delivery ratio ${(ratio * 100).toFixed(1)}% (under 99%)`);

		ctx.log(
			`A (local): ack p99 ${loadA.ackMs.p99.toFixed(1)} ms, broadcast p50/p99 ${loadA.broadcastMs.p50.toFixed(1)}/${loadA.broadcastMs.p99.toFixed(1)} ms, ${(loadA.deliveryRatio * 100).toFixed(1)}% delivered, ELU ${stA.elu.toFixed(2)}`
		);
		ctx.log(
			`B (remote): broadcast p50/p99 ${loadB.broadcastMs.p50.toFixed(1)}/${loadB.broadcastMs.p99.toFixed(1)} ms, ${(deliveryB * 100).toFixed(1)}% delivered, ELU ${stB.elu.toFixed(2)}`
		);
		ctx.log(
			`probe (${probed.votes} votes): vote → phone on A p50/p99 ${p(localMs, 50)?.toFixed(0)}/${p(localMs, 99)?.toFixed(0)} ms, on B ${p(remoteMs, 50)?.toFixed(0)}/${p(remoteMs, 99)?.toFixed(0)} ms, missed ${probed.localMissed}/${probed.remoteMissed}`
		);

		const load =
			`${ctx.n} phones split over two Plenum processes (${nA} on A, ${nB} on B; PostgreSQL, Redis), both processes pinned to the server core; ` +
			`votes only from A's phones, N/100 per s for ${durationMs / 1000} s; B's phones only receive. Plenum only: the Socket.IO baseline has no two-process shape. ` +
			`Broadcast = the sending process's tick → phone (each process ticks on its own); vote → phone from a probe voting on A every ~0.5 s on a second poll (${probed.votes} votes), seen by a phone on A (local) and one on B (remote).`;
		const r = summarise('P7', 'two processes + Redis', load, [], {
			reasons,
			figures: {
				local_broadcast_p50_ms: loadA.broadcastMs.p50,
				local_broadcast_p99_ms: loadA.broadcastMs.p99,
				remote_broadcast_p50_ms: loadB.broadcastMs.p50,
				remote_broadcast_p99_ms: loadB.broadcastMs.p99,
				ack_p99_ms: loadA.ackMs.p99,
				failed_acks: loadA.failedAcks,
				delivery_a_pct: loadA.deliveryRatio * 100,
				delivery_b_pct: deliveryB * 100,
				local_vote_to_phone_p50_ms: p(localMs, 50),
				local_vote_to_phone_p99_ms: p(localMs, 99),
				remote_vote_to_phone_p50_ms: p(remoteMs, 50),
				remote_vote_to_phone_p99_ms: p(remoteMs, 99),
				probe_votes: probed.votes,
				probe_missed_local: probed.localMissed,
				probe_missed_remote: probed.remoteMissed,
				connect_failures: connA.failed + connB.failed,
				elu_a_pct: stA.elu * 100,
				elu_b_pct: stB.elu * 100,
				delay_p99_ms_a: stA.delayP99Ms,
				delay_p99_ms_b: stB.delayP99Ms,
				ticks_a: stA.ticks,
				ticks_b: stB.ticks,
				generator_busy_a_pct: loadA.busy * 100,
				generator_busy_b_pct: loadB.busy * 100
			},
			targets: [
				target('remote vote → phones p99 (ms)', p(remoteMs, 99), 750),
				target('delivery A', loadA.deliveryRatio, 0.99, true),
				target('delivery B (through Redis)', deliveryB, 0.99, true)
			]
		});
		return r;
	} finally {
		for (const c of cleanup.reverse())
			await c.run().catch((e: unknown) => ctx.log(`P7 cleanup: could not ${c.what}: ${e instanceof Error ? e.message : String(e)}`));
	}
}
