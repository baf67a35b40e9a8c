/**
 * `npm run bench` (full: N = 5,000) and `npm run bench -- --quick` (CI size: N = 1,000): Plenum as
 * users run it (the built server), a minimal Socket.IO baseline and a raw `ws` floor, all kept up
 * on core 0, while the load generator (worker threads, this process) runs on core 1 and
 * alternates between them A B B A, then the floor. See docs/benchmarks.md.
 *
 * Scenarios P1–P8 of quality.md §1. Writes bench/results/latest.json and bench/results/latest.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Swarm } from './swarm/swarm.ts';
import { seedPlenum } from './lib/seed.ts';
import { startServer, type BenchServer, type Target } from './lib/servers.ts';

import { machine, markdown, type ScenarioResult } from './lib/report.ts';
import { gate } from './lib/gate.ts';
import type { BenchContext, Scenario } from './lib/context.ts';
import { joinSurge } from './scenarios/join.ts';
import { steadyPoll, voteStorm } from './scenarios/poll.ts';
import { reconnectStorm } from './scenarios/reconnect.ts';
import { qaLoad, seatRush } from './scenarios/scripts.ts';
import { twoProcesses } from './scenarios/cluster.ts';
import { soak } from './scenarios/soak.ts';

/** The scenarios of quality.md §1, in order; `npm run bench -- P2 P3` runs only those. */
const SCENARIOS: Record<string, Scenario> = {
	P1: joinSurge,
	P2: steadyPoll,
	P3: voteStorm,
	P4: qaLoad,
	P5: seatRush,
	P6: reconnectStorm,
	P7: twoProcesses,
	P8: soak
};

const quick = process.argv.includes('--quick');
const multiCore = cpus().length > 1;

// The load generator on core 1, the servers on core 0 (quality.md: never measure both on one core).
if (multiCore && process.env.BENCH_PINNED !== '1') {
	const r = spawnSync('taskset', ['-c', '1', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
		stdio: 'inherit',
		env: { ...process.env, BENCH_PINNED: '1' }
	});
	process.exit(r.status ?? 1);
}

const N = Number(process.env.BENCH_N ?? (quick ? 1000 : 5000));
const SERVER_CORE = multiCore ? 0 : null;

if (!existsSync('build/handler.js')) {
	console.log('building the app (build/ is missing)…');
	const b = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (b.status !== 0) process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bench-'));
const started = Date.now();
console.log(`seeding ${N} participants…`);
const scene = await seedPlenum({ dataDir }, N);
const servers: Record<Target, BenchServer> = {
	plenum: await startServer('plenum', { core: SERVER_CORE, dataDir }),
	baseline: await startServer('baseline', { core: SERVER_CORE }),
	floor: await startServer('floor', { core: SERVER_CORE })
};
const swarm = await Swarm.start({ workers: quick ? 2 : 4 });
const results: ScenarioResult[] = [];
const ctx: BenchContext = { quick, n: N, serverCore: SERVER_CORE, swarm, servers, scene, dataDir, log: (l) => console.log(`  ${l}`) };
const chosen = process.argv.filter((a) => /^P\d$/.test(a));
try {
	for (const [id, run] of Object.entries(SCENARIOS)) {
		if (chosen.length && !chosen.includes(id)) continue;
		console.log(`${id}…`);
		const t0 = Date.now();
		results.push(await run(ctx));
		console.log(`  ${id} took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	}
} finally {
	await swarm.close();
	for (const s of Object.values(servers)) await s.stop();
}

console.log(`the whole run took ${((Date.now() - started) / 1000).toFixed(0)} s`);
const run = { date: new Date().toISOString(), quick, n: N, machine: machine(), scenarios: results };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(run, null, '\t') + '\n');
writeFileSync('bench/results/latest.md', markdown(run) + '\n');
console.log(markdown(run));
const invalid = results.filter((r) => !r.valid);
if (invalid.length) console.log(`INVALID: ${invalid.map((r) => `${r.id} (${r.reasons.join('; ')})`).join(', ')}`);
if (quick) {
	const failures = gate(results);
	for (const f of failures) console.log(`GATE FAILED ${f.scenario}: ${f.rule} (was ${f.value})`);
	if (failures.length) process.exit(1);
	console.log('gate passed');
}
