import type { BenchContext } from '../lib/context.ts';
import { summarise, target, type ScenarioResult } from '../lib/report.ts';

const MB = 2 ** 20;
/** One soak step: a minute of P2's vote load, then the server's memory after a forced GC. */
const STEP_MS = 60_000;

/** What one minute of the soak measured. */
interface SoakStep {
	/** ms since the soak's start, at the memory reading. */
	at: number;
	rss: number;
	heap: number;
	ackP99: number;
	broadcastP99: number;
	delivery: number;
	failedAcks: number;
	busy: number;
	delayP99: number;
	connections: number;
}

function soakMinutes(): number {
	const raw = process.env.BENCH_SOAK_MIN;
	if (raw === undefined || raw === '') return 30;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_SOAK_MIN must be a positive whole number of minutes, got ${raw}`);
	return n;
}

/**
 * P8 soak (quality.md §1: "N = 5,000 for 30 min"): Plenum alone holds n phones under P2's load
 * (N/100 votes per s) for BENCH_SOAK_MIN minutes (default 30), in one-minute steps; after each
 * step the server's RSS and heap after a forced GC, and the step's ack and broadcast p99. It
 * looks for what a short run cannot show: memory that keeps growing, latency that drifts.
 * Full runs only — a quick run returns at once with `skipped`.
 */
export async function soak(ctx: BenchContext): Promise<ScenarioResult> {
	if (ctx.quick) return summarise('P8', 'soak', 'full runs only (N phones for BENCH_SOAK_MIN minutes, default 30)', [], { figures: { skipped: 'quick run' } });
	const minutes = soakMinutes();
	const server = ctx.servers.plenum;
	const perSecond = ctx.n / 100;
	const reasons: string[] = [];
	const steps: SoakStep[] = [];
	let start: { rss: number; heap: number };
	try {
		const conn = await ctx.swarm.connect({
			target: 'plenum',
			url: server.url,
			clients: ctx.n,
			ratePerSec: 1000,
			plenum: { origin: server.url, cookies: ctx.scene.cookies, eventId: ctx.scene.eventId, sessionId: ctx.scene.sessionId }
		});
		if (conn.failed > 0) {
			ctx.log(`${conn.failed} of ${ctx.n} connections failed (${conn.errors.join('; ')})`);
			reasons.push(`${conn.failed} of ${ctx.n} connections failed`);
		}
		await new Promise((r) => setTimeout(r, 1000));
		const t0 = Date.now();
		const idle = await server.stats(true);
		start = { rss: idle.rssBytes, heap: idle.heapUsedBytes };
		for (let m = 1; m <= minutes; m++) {
			await server.reset();
			const load = await ctx.swarm.run({ kind: 'votes', perSecond, durationMs: STEP_MS, pollId: ctx.scene.pollIds[0], options: 4, repeatKeyShare: 0.1 });
			const st = await server.stats(false);
			const mem = await server.stats(true);
			steps.push({
				at: Date.now() - t0,
				rss: mem.rssBytes,
				heap: mem.heapUsedBytes,
				ackP99: load.ackMs.p99,
				broadcastP99: load.broadcastMs.p99,
				delivery: load.deliveryRatio,
				failedAcks: load.failedAcks,
				busy: load.busy,
				delayP99: st.delayP99Ms,
				connections: mem.connections
			});
			ctx.log(
				`minute ${m}/${minutes}: RSS ${(mem.rssBytes / MB).toFixed(1)} MB, heap ${(mem.heapUsedBytes / MB).toFixed(1)} MB, ack p99 ${load.ackMs.p99.toFixed(1)} ms, broadcast p99 ${load.broadcastMs.p99.toFixed(1)} ms, ${(load.deliveryRatio * 100).toFixed(1)}% delivered, ${mem.connections} connected, generator ${(load.busy * 100).toFixed(0)}% busy`
			);
		}
	} finally {
		await ctx.swarm.disconnectAll();
	}
	const last = steps[steps.length - 1]!;
	// Growth is measured from the end of minute 1, so the first minute's warm-up (JIT, caches,
	// the poll's first votes) is not taken for a leak; with a one-minute soak, from the start.
	const base = steps.length > 1 ? steps[0]! : { ...start, at: 0 };
	const hours = (last.at - base.at) / 3_600_000;
	const perHour = (from: number, to: number) => (hours > 0 ? (to - from) / MB / hours : null);
	const heapGrowthPct = ((last.heap - base.heap) / base.heap) * 100;
	const rssDriftPct = ((last.rss - base.rss) / base.rss) * 100;
	const worstBroadcast = Math.max(...steps.map((s) => s.broadcastP99));
	const minDelivery = Math.min(...steps.map((s) => s.delivery));
	const maxBusy = Math.max(...steps.map((s) => s.busy));
	if (minDelivery < 0.99) reasons.push(`delivery ratio fell to ${(minDelivery * 100).toFixed(1)}% (under 99%)`);
	if (maxBusy > 0.7) reasons.push(`load generator up to ${(maxBusy * 100).toFixed(0)}% busy (over 70%)`);
	const series = (f: (s: SoakStep) => number, digits: number) => steps.map((s) => f(s).toFixed(digits)).join(' ');
	return summarise(
		'P8',
		'soak',
		`${ctx.n} connected to Plenum alone (SQLite), P2's load (N/100 votes per s) for ${minutes} min in one-minute steps; memory after a forced GC after each step; growth from the end of minute ${steps.length > 1 ? 1 : 0}`,
		[],
		{
			reasons,
			figures: {
				minutes,
				rss_start_mb: start.rss / MB,
				rss_end_mb: last.rss / MB,
				heap_start_mb: start.heap / MB,
				heap_end_mb: last.heap / MB,
				rss_growth_mb_per_hour: perHour(base.rss, last.rss),
				heap_growth_mb_per_hour: perHour(base.heap, last.heap),
				heap_growth_pct: heapGrowthPct,
				rss_drift_pct: rssDriftPct,
				worst_ack_p99_ms: Math.max(...steps.map((s) => s.ackP99)),
				worst_broadcast_p99_ms: worstBroadcast,
				worst_delay_p99_ms: Math.max(...steps.map((s) => s.delayP99)),
				min_delivery_pct: minDelivery * 100,
				failed_acks: steps.reduce((a, s) => a + s.failedAcks, 0),
				connected_end: last.connections,
				heap_mb_per_minute: series((s) => s.heap / MB, 1),
				rss_mb_per_minute: series((s) => s.rss / MB, 1),
				broadcast_p99_ms_per_minute: series((s) => s.broadcastP99, 0)
			},
			targets: [
				target('RSS drift over the soak, %', rssDriftPct, 5),
				target('heap growth over the soak, % (our bound)', heapGrowthPct, 10),
				target('broadcast (tick → phone) p99, worst minute (ms)', worstBroadcast, 750)
			]
		}
	);
}
