import type { BenchContext } from '../lib/context.ts';
import { summarise, target, type Measured, type ScenarioResult } from '../lib/report.ts';
import type { Target } from '../lib/servers.ts';

/** Baseline, Plenum, Plenum, baseline (A B B A: drift shows as the A/A spread), then the floor. */
export const ORDER: readonly Target[] = ['baseline', 'plenum', 'plenum', 'baseline', 'floor'];

/**
 * One vote load against every server in turn: connect n phones, measure, disconnect. Client side:
 * ack and broadcast latency, delivery; server side (from /__bench/stats): emit time per
 * recipient, event-loop utilisation and delay, heap and RSS per connection after a forced GC.
 */
export async function voteLoad(ctx: BenchContext, perSecond: number, durationMs: number): Promise<Measured[]> {
	const runs: Measured[] = [];
	// A pause after connecting and after disconnecting, so one run's stragglers never land in the next.
	const settleMs = ctx.quick ? 500 : 1000;
	for (const t of ORDER) {
		const server = ctx.servers[t];
		const idle = await server.stats(true);
		const conn = await ctx.swarm.connect({
			target: t,
			url: server.url,
			clients: ctx.n,
			ratePerSec: 1000,
			plenum: t === 'plenum' ? { origin: server.url, cookies: ctx.scene.cookies, eventId: ctx.scene.eventId, sessionId: ctx.scene.sessionId } : undefined
		});
		if (conn.failed > 0) ctx.log(`${t}: ${conn.failed} of ${ctx.n} connections failed (${conn.errors.join('; ')})`);
		await new Promise((r) => setTimeout(r, settleMs));
		await server.reset();
		const load = await ctx.swarm.run({ kind: 'votes', perSecond, durationMs, pollId: ctx.scene.pollIds[0], options: 4, repeatKeyShare: 0.1 });
		const st = await server.stats(false);
		const mem = await server.stats(true);
		runs.push({
			target: t,
			clients: conn.opened,
			ackP50: load.ackMs.p50,
			ackP99: load.ackMs.p99,
			broadcastP50: load.broadcastMs.p50,
			broadcastP99: load.broadcastMs.p99,
			deliveryRatio: load.deliveryRatio,
			generatorBusy: load.busy,
			server: st,
			heapPerConn: (mem.heapUsedBytes - idle.heapUsedBytes) / Math.max(1, conn.opened),
			rssPerConn: (mem.rssBytes - idle.rssBytes) / Math.max(1, conn.opened),
			sent: load.sent,
			failedAcks: load.failedAcks
		});
		ctx.log(
			`${t}: ack p99 ${load.ackMs.p99.toFixed(1)} ms, broadcast p99 ${load.broadcastMs.p99.toFixed(1)} ms, ${(load.deliveryRatio * 100).toFixed(1)}% delivered, ${st.usPerRecipient.toFixed(2)} µs/recipient, generator ${(load.busy * 100).toFixed(0)}% busy`
		);
		await ctx.swarm.disconnectAll();
		await new Promise((r) => setTimeout(r, settleMs));
	}
	return runs;
}

/** quality.md §1 targets that a vote load checks (ratios against the baseline of the same run). */
function voteTargets(r: ScenarioResult): ScenarioResult['targets'] {
	const app = r.app;
	return [
		target('vote ack p50 (ms)', app?.ackP50, 5),
		target('vote ack p99 (ms)', app?.ackP99, 50),
		target('broadcast-to-receive p99 (ms)', app?.broadcastP99, 200),
		target('fan-out µs per recipient ÷ baseline', r.ratios.us_per_recipient, 1.2),
		target('ack p99 ÷ baseline', r.ratios.ack_p99, 1.5),
		target('heap per connection ÷ baseline', r.ratios.heap_per_conn, 1.5),
		target('event-loop utilisation ÷ baseline', r.ratios.elu, 1.3),
		target('event-loop delay p99 (ms)', app?.server.delayP99Ms, 50),
		target('heap per connection (KB)', app ? app.heapPerConn / 1024 : null, 15),
		target('RSS per connection (KB)', app ? app.rssPerConn / 1024 : null, 40),
		target('delivery of tallies', app?.deliveryRatio, 0.999, true),
		target('failed acks', app ? r.runs.filter((m) => m.target === 'plenum').reduce((n, m) => n + m.failedAcks, 0) : null, 0)
	];
}

/** P2 steady poll: n connected, one poll open, 10% of n vote per 10 s. */
export async function steadyPoll(ctx: BenchContext): Promise<ScenarioResult> {
	const seconds = ctx.quick ? 4 : 60;
	const runs = await voteLoad(ctx, ctx.n / 100, seconds * 1000);
	const r = summarise('P2', 'steady poll', `${ctx.n} connected, one poll open, 10% of N vote per 10 s, ${seconds} s`, runs);
	return { ...r, targets: voteTargets(r) };
}

/** P3 vote storm: the poll opens, 80% of n vote within 10 s. */
export async function voteStorm(ctx: BenchContext): Promise<ScenarioResult> {
	// The quick run keeps the storm's rate but stops after 5 s (40% of N), to stay near two minutes in all.
	const seconds = ctx.quick ? 5 : 10;
	const rate = (0.8 * ctx.n) / 10;
	const runs = await voteLoad(ctx, rate, seconds * 1000);
	const r = summarise('P3', 'vote storm', `${ctx.n} connected, 80% of N vote within 10 s (${rate.toFixed(0)} votes/s) for ${seconds} s`, runs);
	return { ...r, targets: voteTargets(r) };
}
