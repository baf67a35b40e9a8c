import { performance } from 'node:perf_hooks';
import type { BenchContext } from '../lib/context.ts';
import { summarise, target, type ScenarioResult } from '../lib/report.ts';
import type { Target } from '../lib/servers.ts';

/** Shares of the clients whose return is timed (quality.md: 99% within 15 s). */
const MARKS = [50, 95, 99, 100] as const;
const WATCH_MS = 30_000;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One storm: n clients with automatic reconnect, then the server restarts (SIGTERM, so Plenum
 * drains). From the moment the stop begins, `swarm.status()` is read every 100 ms; a mark is the
 * first reading, after every client had dropped, with that share connected again. A Plenum client
 * counts as connected only once its `session:watch` after the reconnect was acknowledged (the swarm
 * re-sends it on every connect). A short vote load afterwards checks that results reach them all.
 */
async function storm(ctx: BenchContext, t: Exclude<Target, 'floor'>): Promise<Record<string, number | null>> {
	const server = ctx.servers[t];
	const plenum = t === 'plenum' ? { origin: server.url, cookies: ctx.scene.cookies, eventId: ctx.scene.eventId, sessionId: ctx.scene.sessionId } : undefined;
	const conn = await ctx.swarm.connect({ target: t, url: server.url, clients: ctx.n, ratePerSec: 1000, reconnect: true, plenum });
	if (conn.failed > 0) ctx.log(`${t}: ${conn.failed} of ${ctx.n} connections failed (${conn.errors.join('; ')})`);
	await sleep(1000);
	const before = await ctx.swarm.status();
	const out: Record<string, number | null> = { before: before.connected, ready_ms: null, drop_ms: null };
	for (const m of MARKS) out[`${m}_ms`] = null;
	const t0 = performance.now();
	let restartError: unknown = null;
	const restarting = server.restart().then(
		() => (out['ready_ms'] = performance.now() - t0),
		(e: unknown) => (restartError = e)
	);
	for (;;) {
		const s = await ctx.swarm.status();
		const at = performance.now() - t0;
		if (out['drop_ms'] === null && s.connected === 0) out['drop_ms'] = at;
		if (out['drop_ms'] !== null) for (const m of MARKS) if (out[`${m}_ms`] === null && s.connected >= Math.ceil((m / 100) * s.clients)) out[`${m}_ms`] = at;
		if (out['100_ms'] !== null || at > WATCH_MS || restartError) break;
		await sleep(Math.max(0, POLL_MS - (performance.now() - t0 - at)));
	}
	await restarting;
	if (restartError) throw new Error(`P6: ${t} did not come back: ${restartError instanceof Error ? restartError.message : String(restartError)}`);
	out['after'] = (await ctx.swarm.status()).connected;
	// Results reach only sockets that watch the session: a delivery ratio near 1 shows the watch came back too.
	const load = await ctx.swarm.run({ kind: 'votes', perSecond: 20, durationMs: 2000, pollId: ctx.scene.pollIds[0], options: 4 });
	out['delivery_ratio'] = load.deliveryRatio;
	out['failed_acks'] = load.failedAcks;
	const f = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(0));
	ctx.log(
		`${t}: ${before.connected} connected; dropped to 0 at ${f(out['drop_ms'])} ms, server ready ${f(out['ready_ms'])} ms; back 50% ${f(out['50_ms'])} / 95% ${f(out['95_ms'])} / 99% ${f(out['99_ms'])} / 100% ${f(out['100_ms'])} ms; ${out['after']} connected after; delivery ${(load.deliveryRatio * 100).toFixed(1)}%`
	);
	await ctx.swarm.disconnectAll();
	await sleep(1000);
	return out;
}

/** P6 reconnect storm: the server restarts with n clients attached; how fast are they back (and, on Plenum, watching again)? */
export async function reconnectStorm(ctx: BenchContext): Promise<ScenarioResult> {
	const figures: ScenarioResult['figures'] = {};
	const reasons: string[] = [];
	for (const t of ['plenum', 'baseline'] as const) {
		const r = await storm(ctx, t);
		figures[`${t}_connected_before`] = r['before'] ?? null;
		figures[`${t}_restart_ready_ms`] = r['ready_ms'] ?? null;
		figures[`${t}_all_dropped_ms`] = r['drop_ms'] ?? null;
		for (const m of MARKS) figures[`${t}_reconnect_${m}_ms`] = r[`${m}_ms`] ?? null;
		figures[`${t}_connected_after`] = r['after'] ?? null;
		figures[`${t}_delivery_after`] = r['delivery_ratio'] ?? null;
		figures[`${t}_failed_acks_after`] = r['failed_acks'] ?? null;
		if (r['drop_ms'] === null) reasons.push(`${t}: the clients never all dropped, so the restart was not seen`);
		if ((r['delivery_ratio'] ?? 0) < 0.99) reasons.push(`${t}: only ${((r['delivery_ratio'] ?? 0) * 100).toFixed(1)}% of results delivered after the storm`);
	}
	return summarise(
		'P6',
		'reconnect storm',
		`${ctx.n} clients attached (automatic reconnect), the server restarts (SIGTERM, same port and data); watched for up to 30 s`,
		[],
		{
			figures,
			reasons,
			targets: [
				// Not back within the 30 s watched counts as 30,000 ms; not measured (no drop seen) stays empty.
				target(
					'Plenum 99% reconnected and watching (ms after the stop)',
					figures['plenum_all_dropped_ms'] === null ? null : ((figures['plenum_reconnect_99_ms'] as number | null) ?? WATCH_MS),
					15_000
				),
				target('Plenum results delivered after the storm', figures['plenum_delivery_after'] as number | null, 0.99, true)
			]
		}
	);
}
