import { spawn } from 'node:child_process';
import type { BenchContext } from '../lib/context.ts';
import { summarise, target, type ScenarioResult } from '../lib/report.ts';

/**
 * Runs one of the standalone Plenum load scripts (bench/qa-latency.ts, bench/seat-rush.ts: they
 * seed their own data, start the built server pinned to core 0 and drive it from this core) and
 * reads the JSON it prints last. The Runner's own servers idle meanwhile.
 */
async function script(file: string, args: string[], env: Record<string, string> = {}): Promise<Record<string, unknown>> {
	const child = spawn(process.execPath, [file, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr.on('data', (d: Buffer) => (err += d.toString()));
	const code = await new Promise<number | null>((r) => child.on('exit', r));
	const start = out.search(/^\{/m);
	if (code !== 0 || start < 0) throw new Error(`${file} failed (exit ${code}): ${err.slice(-2000)}`);
	return JSON.parse(out.slice(start)) as Record<string, unknown>;
}

type Pcts = { p50: number; p95: number; p99: number; max?: number };

/** P4 Q&A: 200 questions, every phone upvotes at a steady 200/s, ranking pushed at 2 Hz. */
export async function qaLoad(ctx: BenchContext): Promise<ScenarioResult> {
	const r = await script('bench/qa-latency.ts', [String(ctx.n), '200', '200']);
	const ack = r.ack_ms as Pcts;
	const toStage = r.upvote_to_stage_ms as Pcts;
	return summarise('P4', 'Q&A', `${ctx.n} phones, 200 questions, 200 upvotes/s (Plenum only: the baseline has no Q&A)`, [], {
		figures: {
			upvote_ack_p50_ms: ack.p50,
			upvote_ack_p99_ms: ack.p99,
			upvote_to_stage_p50_ms: toStage.p50,
			upvote_to_stage_p99_ms: toStage.p99,
			not_on_stage: r.not_on_stage as number
		},
		targets: [
			target('upvote ack p99 (ms)', ack.p99, 50),
			target('upvote → stage p99 (ms)', toStage.p99, 750),
			target('upvotes never on the stage', r.not_on_stage as number, 0)
		]
	});
}

/** P5 seat rush: 1,000 claims within 1 s for 20 workshops × 20 seats, on SQLite (and PostgreSQL in a full run). */
export async function seatRush(ctx: BenchContext): Promise<ScenarioResult> {
	const dbs = ctx.quick ? ['sqlite'] : ['sqlite', 'postgres'];
	const figures: Record<string, number | string | null> = {};
	const targets = [];
	for (const db of dbs) {
		const r = await script('bench/seat-rush.ts', ['1000', '20', '20', '1000'], {
			BENCH_SERVER: 'built',
			...(db === 'postgres' ? { BENCH_DB: 'postgres' } : {})
		});
		const ack = r.claim_ack_ms as Pcts;
		// invariant_violations lists them; acks_not_matching_database counts them.
		const violations = (r.invariant_violations as unknown[]).length + (r.acks_not_matching_database as number);
		Object.assign(figures, {
			[`${db}_oversold`]: r.oversold as number,
			[`${db}_confirmed`]: r.confirmed as number,
			[`${db}_waitlisted`]: r.waitlisted as number,
			[`${db}_violations`]: violations,
			[`${db}_claim_ack_p50_ms`]: ack.p50,
			[`${db}_claim_ack_p99_ms`]: ack.p99
		});
		targets.push(
			target(`${db}: oversold seats (hard gate)`, r.oversold as number, 0),
			target(`${db}: invariant violations and acks ≠ database`, violations, 0),
			target(`${db}: claim ack p99 (ms)`, ack.p99, 100)
		);
	}
	return summarise('P5', 'seat rush', '1,000 claims within 1 s, 20 workshops × 20 seats, every phone watching the board (Plenum only)', [], {
		figures,
		targets
	});
}
