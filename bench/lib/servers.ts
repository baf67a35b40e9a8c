import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { BenchStats } from '../../src/lib/server/bench-stats.ts';

export type Target = 'plenum' | 'baseline' | 'floor';

/** A server under measurement, in its own process, pinned to `core` when the machine has more than one. */
export interface BenchServer {
	target: Target;
	url: string;
	port: number;
	stats(gc?: boolean): Promise<BenchStats>;
	reset(): Promise<void>;
	stop(): Promise<void>;
	/** Stops the process (SIGTERM: Plenum drains) and starts it again on the same port, env and data dir; resolves once it answers (P6). */
	restart(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

/** `taskset -c <core>` in front of a command when there is a core to pin to. */
export function pinned(core: number | null, command: string, args: string[]): [string, string[]] {
	return core === null ? [command, args] : ['taskset', ['-c', String(core), command, ...args]];
}

/**
 * Starts one server: Plenum as users run it (`node server.ts` on the built app, SQLite in
 * `dataDir`, PLENUM_BENCH=1), or a reference server from bench/servers/. Waits until it answers.
 */
export async function startServer(target: Target, opts: { core: number | null; dataDir?: string; env?: Record<string, string> }): Promise<BenchServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const script = target === 'plenum' ? 'server.ts' : `bench/servers/${target}.ts`;
	// BENCH_PROFILE='--cpu-prof --cpu-prof-dir=/tmp/prof' (or --heapsnapshot-signal=SIGUSR2): node flags for Plenum only, to profile a scenario.
	const profile = target === 'plenum' ? (process.env.BENCH_PROFILE ?? '').split(' ').filter(Boolean) : [];
	const [cmd, args] = pinned(opts.core, process.execPath, ['--expose-gc', ...profile, script]);
	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		PUBLIC_ORIGIN: url,
		DATA_DIR: opts.dataDir ?? mkdtempSync(join(tmpdir(), 'plenum-bench-')),
		LOG_LEVEL: 'warn',
		PLENUM_BENCH: '1',
		...opts.env
	};
	let child: ChildProcess;
	/** Settles when the current process has exited (by code or by signal). */
	let gone: Promise<unknown>;
	const launch = async (): Promise<void> => {
		child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		gone = new Promise((r) => child.once('exit', r));
		const logs: string[] = [];
		child.stdout!.on('data', (d: Buffer) => logs.push(d.toString()));
		child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
		const end = Date.now() + 30_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`${target} exited: ${logs.join('')}`);
			const ok = await fetch(`${url}/__bench/stats`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) return;
			if (Date.now() > end) throw new Error(`${target} not ready in 30 s: ${logs.join('')}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	};
	await launch();
	const stop = async () => {
		if (child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		let timer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
		clearTimeout(timer);
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	return {
		target,
		url,
		port,
		async stats(gc = false) {
			return (await (await fetch(`${url}/__bench/stats${gc ? '?gc=1' : ''}`)).json()) as BenchStats;
		},
		async reset() {
			await fetch(`${url}/__bench/reset`, { method: 'POST' });
		},
		stop,
		async restart() {
			await stop();
			await gone;
			await launch();
		}
	};
}
