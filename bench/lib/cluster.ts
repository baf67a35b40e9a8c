/**
 * What the scaled-out benchmark (P7: two Plenum processes) needs beyond bench/lib/seed.ts and a
 * database of its own (tests/support/databases.ts): Redis keys under a prefix of its own, removed
 * afterwards; and a latency probe that times a vote on one process until phones on
 * each process see it — the swarm's broadcast figure starts at the tick of the process that
 * sends, and each process ticks on its own, so it cannot show the hop between processes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol-version.ts';
import type { ResultsSnapshot } from '../../src/lib/shared/polls.ts';
import type { ProbeScene } from './seed.ts';

/** The machine's Redis; only keys under the scenario's own prefix are written and removed. BENCH_REDIS_URL names another. */
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of the run's own (`plenum-bench-<hex>:`), so the shared Redis keeps other users' keys apart. */
export function benchRedisPrefix(): string {
	return `plenum-bench-${randomBytes(4).toString('hex')}:`;
}

/** Deletes every Redis key under `prefix` (the adapter's stream, sessions, rate limits); answers how many. */
export async function clearRedisPrefix(url: string, prefix: string): Promise<number> {
	const client = createClient({ url });
	client.on('error', () => {});
	await client.connect();
	let deleted = 0;
	try {
		for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length) deleted += await client.del(keys);
	} finally {
		client.destroy();
	}
	return deleted;
}

/** What the probe measured: per vote, send → first snapshot showing it, on the voter's process and on the other one. */
export interface ProbeReport {
	votes: number;
	/** Send → seen by the voter itself (a phone on the voting process), ms. */
	localMs: number[];
	/** Send → seen by the phone on the other process, ms. */
	remoteMs: number[];
	/** Votes the voter's process did not confirm (ack) or a watcher did not see within PROBE_TIMEOUT_MS. */
	localMissed: number;
	remoteMissed: number;
}

/** A probe vote not seen by then counts as missed. */
export const PROBE_TIMEOUT_MS = 5000;
/** Between probe votes a random pause up to this, so probe votes fall at every phase of the 250 ms tick. */
const PROBE_JITTER_MS = 300;

/** A probe phone: an audience socket watching the probe session, like a real one (cookie, Origin, WebSocket). */
async function probePhone(url: string, eventId: string, sessionId: string, cookie: string): Promise<Socket> {
	const socket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		timeout: PROBE_TIMEOUT_MS,
		auth: { v: PROTOCOL_VERSION, role: 'audience', eventId },
		extraHeaders: { origin: url, cookie }
	});
	try {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', (e: Error) => reject(new Error(`probe phone on ${url}: ${e.message}`)));
		});
		const res = (await socket.timeout(PROBE_TIMEOUT_MS).emitWithAck('session:watch', { sessionId })) as { ok?: boolean };
		if (res?.ok !== true) throw new Error(`probe phone on ${url}: session:watch refused (${JSON.stringify(res)})`);
	} catch (e) {
		socket.close();
		throw e;
	}
	return socket;
}

/**
 * Starts the probe: one participant on `localUrl` votes on the probe poll, changing its answer
 * between options o1 and o2 each time, and waits until it and a participant on `remoteUrl` see
 * a snapshot where the new option holds the one vote (or PROBE_TIMEOUT_MS passed); then pauses
 * 0–PROBE_JITTER_MS and votes again, until `stop`. One vote in flight at a time, so a snapshot
 * can only show the vote being timed; the probe costs the servers a few messages a second.
 */
export async function startProbe(opts: { localUrl: string; remoteUrl: string; eventId: string; probe: ProbeScene }): Promise<{ stop(): Promise<ProbeReport> }> {
	const { probe } = opts;
	const voter = await probePhone(opts.localUrl, opts.eventId, probe.sessionId, probe.cookies[0]);
	let watcher: Socket;
	try {
		watcher = await probePhone(opts.remoteUrl, opts.eventId, probe.sessionId, probe.cookies[1]);
	} catch (e) {
		voter.close();
		throw e;
	}
	const report: ProbeReport = { votes: 0, localMs: [], remoteMs: [], localMissed: 0, remoteMissed: 0 };
	let current: { option: string; t0: number; local: number | null; remote: number | null; settle: () => void } | null = null;
	const seen = (where: 'local' | 'remote') => (r: ResultsSnapshot | null) => {
		const c = current;
		if (!c || r?.pollId !== probe.pollId || c[where] !== null) return;
		const counts = r.all.kind === 'single' ? r.all.counts : {};
		if (counts[c.option] !== 1) return;
		c[where] = performance.now() - c.t0;
		if (c.local !== null && c.remote !== null) c.settle();
	};
	voter.on('poll:results', seen('local'));
	watcher.on('poll:results', seen('remote'));
	let running = true;
	let wake: (() => void) | null = null;
	const pause = (ms: number) =>
		new Promise<void>((r) => {
			const timer = setTimeout(() => ((wake = null), r()), ms);
			wake = () => (clearTimeout(timer), (wake = null), r());
		});
	const loop = (async () => {
		for (let k = 0; running; k++) {
			const option = k % 2 ? 'o2' : 'o1';
			const done = new Promise<void>((settle) => {
				current = { option, t0: performance.now(), local: null, remote: null, settle };
			});
			const c = current!;
			report.votes++;
			const acked = voter
				.timeout(PROBE_TIMEOUT_MS)
				.emitWithAck('poll:vote', { pollId: probe.pollId, answer: { kind: 'single', optionId: option }, key: randomUUID() })
				.then(
					(res: { ok?: boolean }) => res?.ok === true,
					() => false
				);
			let timer: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([done, new Promise((r) => (timer = setTimeout(r, PROBE_TIMEOUT_MS)))]);
			clearTimeout(timer);
			current = null;
			if (!(await acked) || c.local === null) report.localMissed++;
			else report.localMs.push(c.local);
			if (c.remote === null) report.remoteMissed++;
			else report.remoteMs.push(c.remote);
			if (running) await pause(Math.random() * PROBE_JITTER_MS);
		}
	})();
	return {
		async stop() {
			running = false;
			wake?.();
			await loop;
			voter.close();
			watcher.close();
			return report;
		}
	};
}

/** Nearest-rank percentile of a list (NaN when empty), as bench/swarm/percentiles.ts reports them. */
export function percentileOf(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
