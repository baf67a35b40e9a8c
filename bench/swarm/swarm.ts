/**
 * The benchmark's load generator (issue 7, bench-context.md): simulated phones — one real
 * connection each, socket.io-client for Plenum and the Socket.IO baseline, raw `ws` for the floor —
 * spread round-robin over worker threads, so the generator has more than one event loop and can
 * be pinned (taskset) away from the server. The main thread only coordinates and merges figures.
 *
 *   const swarm = await Swarm.start({ workers: 2 });
 *   await swarm.connect({ target: 'baseline', url, clients: 1000, ratePerSec: 500 });
 *   const load = await swarm.run({ kind: 'votes', perSecond: 100, durationMs: 10_000, options: 4 });
 *   await swarm.close();
 */
import { Worker } from 'node:worker_threads';
import type { ReplyEnvelope, RequestEnvelope, WorkerInit, WorkerRequest, WorkerResults } from './messages.ts';
import { summarise } from './percentiles.ts';
import type { ConnectReport, ConnectSpec, LoadReport, LoadStep, SwarmStatus } from './types.ts';

export type { ConnectReport, ConnectSpec, LoadReport, LoadStep, Percentiles, SwarmStatus, Target } from './types.ts';

/** Lead time so every worker has the schedule before the first attempt or vote is due. */
const LEAD_MS = 100;
/** After the last vote settled, results messages up to this much later still belong to the step (a 250 ms tick plus slack). */
const TAIL_MS = 500;
/** Then wait this long for those messages to reach every client before counting deliveries. */
const DRAIN_MS = 1000;

type Pending = { resolve: (r: WorkerResults[keyof WorkerResults]) => void; reject: (e: Error) => void };

/** One worker thread and its request/answer bookkeeping; a crashed worker rejects what it owed. */
class WorkerLink {
	readonly #worker: Worker;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;
	#dead: Error | null = null;

	constructor(init: WorkerInit) {
		this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: init });
		this.#worker.on('message', (msg: ReplyEnvelope) => {
			const p = this.#pending.get(msg.id);
			if (!p) return;
			this.#pending.delete(msg.id);
			if (msg.ok) p.resolve(msg.result);
			else p.reject(new Error(`swarm worker ${init.index}: ${msg.error}`));
		});
		this.#worker.on('error', (e: Error) => this.#fail(new Error(`swarm worker ${init.index} crashed: ${e.message}`)));
		this.#worker.on('exit', (code: number) => this.#fail(new Error(`swarm worker ${init.index} exited (code ${code})`)));
	}

	#fail(e: Error): void {
		this.#dead ??= e;
		for (const p of this.#pending.values()) p.reject(e);
		this.#pending.clear();
	}

	request<T extends WorkerRequest['type']>(req: Extract<WorkerRequest, { type: T }>): Promise<WorkerResults[T]> {
		if (this.#dead) return Promise.reject(this.#dead);
		const id = this.#nextId++;
		return new Promise<WorkerResults[T]>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as Pending['resolve'], reject });
			this.#worker.postMessage({ id, req } satisfies RequestEnvelope);
		});
	}

	async terminate(): Promise<void> {
		this.#fail(new Error('swarm closed'));
		await this.#worker.terminate();
	}
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Splits `total` into parts proportional to `weights` (largest remainder), so the parts add up exactly. */
function apportion(total: number, weights: number[]): number[] {
	const sum = weights.reduce((a, w) => a + w, 0);
	if (sum === 0) return weights.map(() => 0);
	const exact = weights.map((w) => (total * w) / sum);
	const parts = exact.map(Math.floor);
	let rest = total - parts.reduce((a, p) => a + p, 0);
	const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac);
	for (const { i } of order) {
		if (rest-- <= 0) break;
		parts[i] = (parts[i] ?? 0) + 1;
	}
	return parts;
}

/** The load generator: start it, connect clients, run load steps, close it. One operation at a time. */
export class Swarm {
	readonly #links: WorkerLink[];
	/** Clients handed out so far: the next one goes to worker `#assigned % workers`. */
	#assigned = 0;
	#busy: string | null = null;
	#closed = false;

	private constructor(links: WorkerLink[]) {
		this.#links = links;
	}

	/** Starts `workers` threads and waits until each has loaded. */
	static async start(opts: { workers: number }): Promise<Swarm> {
		if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new Error(`Swarm.start: workers must be a positive integer, got ${opts.workers}`);
		const links = Array.from({ length: opts.workers }, (_, index) => new WorkerLink({ index, seed: 1 + index }));
		const swarm = new Swarm(links);
		try {
			await Promise.all(links.map((l) => l.request({ type: 'ping' })));
		} catch (e) {
			await swarm.close();
			throw e;
		}
		return swarm;
	}

	async #exclusive<R>(what: string, fn: () => Promise<R>): Promise<R> {
		if (this.#closed) throw new Error(`Swarm.${what}: the swarm is closed`);
		if (this.#busy) throw new Error(`Swarm.${what}: ${this.#busy} is still running (one operation at a time)`);
		this.#busy = what;
		try {
			return await fn();
		} finally {
			this.#busy = null;
		}
	}

	/** Opens `spec.clients` connections, client i on worker (i + earlier clients) mod workers, attempt i due at i / ratePerSec. */
	connect(spec: ConnectSpec): Promise<ConnectReport> {
		return this.#exclusive('connect', async () => {
			if (!Number.isInteger(spec.clients) || spec.clients < 0) throw new Error(`Swarm.connect: clients must be a non-negative integer, got ${spec.clients}`);
			if (spec.ratePerSec !== undefined && !(spec.ratePerSec > 0)) throw new Error(`Swarm.connect: ratePerSec must be positive, got ${spec.ratePerSec}`);
			if (spec.target === 'plenum') {
				if (!spec.plenum) throw new Error('Swarm.connect: target plenum needs spec.plenum (origin, cookies, eventId, sessionId)');
				if (spec.plenum.cookies.length < spec.clients)
					throw new Error(`Swarm.connect: ${spec.clients} plenum clients but only ${spec.plenum.cookies.length} cookies`);
			}
			if (spec.target === 'floor' && spec.reconnect) throw new Error('Swarm.connect: the floor client does not reconnect');
			const w = this.#links.length;
			const shares = this.#links.map(() => ({ indices: [] as number[], cookies: [] as string[] }));
			for (let i = 0; i < spec.clients; i++) {
				const share = shares[(this.#assigned + i) % w];
				share?.indices.push(i);
				if (spec.plenum && spec.target === 'plenum') share?.cookies.push(spec.plenum.cookies[i] ?? '');
			}
			this.#assigned += spec.clients;
			const { plenum, clients: _clients, ratePerSec, ...rest } = spec;
			const workerSpec = {
				...rest,
				...(plenum && spec.target === 'plenum' ? { plenum: { origin: plenum.origin, eventId: plenum.eventId, sessionId: plenum.sessionId } } : {})
			};
			const startAt = Date.now() + LEAD_MS;
			const intervalMs = ratePerSec ? 1000 / ratePerSec : 0;
			const parts = await Promise.all(
				this.#links.map((l, k) =>
					l.request({ type: 'connect', spec: workerSpec, indices: shares[k]?.indices ?? [], cookies: shares[k]?.cookies ?? [], startAt, intervalMs })
				)
			);
			const errors = [...new Set(parts.flatMap((p) => p.errors))].slice(0, 5);
			return {
				opened: parts.reduce((a, p) => a + p.opened, 0),
				failed: parts.reduce((a, p) => a + p.failed, 0),
				connectMs: summarise(parts.map((p) => p.connect)),
				durationMs: Math.max(0, Date.now() - startAt),
				busy: Math.max(...parts.map((p) => p.elu)),
				errors
			};
		});
	}

	/**
	 * Drives one load step: votes spread evenly over `durationMs` (each worker its share, in
	 * proportion to its connected clients, interleaved with the others), then waits for the last
	 * results to reach every client and counts deliveries.
	 */
	run(step: LoadStep): Promise<LoadReport> {
		return this.#exclusive('run', async () => {
			if (step.kind !== 'votes') throw new Error(`Swarm.run: unknown step kind ${String(step.kind)}`);
			if (!(step.perSecond >= 0) || !(step.durationMs > 0)) throw new Error('Swarm.run: perSecond must be ≥ 0 and durationMs > 0');
			if (!Number.isInteger(step.options) || step.options < 1) throw new Error(`Swarm.run: options must be a positive integer, got ${step.options}`);
			const share = step.repeatKeyShare ?? 0;
			if (!(share >= 0 && share <= 1)) throw new Error(`Swarm.run: repeatKeyShare must lie in 0–1, got ${share}`);
			const connected = (await Promise.all(this.#links.map((l) => l.request({ type: 'prepare' })))).map((p) => p.connected);
			const total = Math.round((step.perSecond * step.durationMs) / 1000);
			// With no client anywhere the votes still count (as failed), spread over all workers.
			const counts = apportion(total, connected.some((c) => c > 0) ? connected : connected.map(() => 1));
			const w = this.#links.length;
			const startAt = Date.now() + LEAD_MS;
			const voteParts = await Promise.all(
				this.#links.map((l, k) => {
					const count = counts[k] ?? 0;
					const intervalMs = count > 0 ? step.durationMs / count : 0;
					return l.request({ type: 'votes', step, count, startAt, intervalMs, phaseMs: (intervalMs * k) / w });
				})
			);
			const endedAt = Math.max(...voteParts.map((p) => p.endedAt));
			const toTime = Date.now() + TAIL_MS;
			await delay(TAIL_MS + DRAIN_MS);
			const got = await Promise.all(this.#links.map((l) => l.request({ type: 'collect', fromTime: startAt, toTime })));
			const seqs = new Set(got.flatMap((g) => g.seqs));
			const received = got.reduce((a, g) => a + g.received, 0);
			const expectedDeliveries = seqs.size * connected.reduce((a, c) => a + c, 0);
			const sent = voteParts.reduce((a, p) => a + p.sent, 0);
			return {
				sent,
				acked: voteParts.reduce((a, p) => a + p.acked, 0),
				failedAcks: voteParts.reduce((a, p) => a + p.failedAcks, 0),
				ackMs: summarise(voteParts.map((p) => p.ack)),
				broadcastMs: summarise(got.map((g) => g.broadcast)),
				received,
				expectedDeliveries,
				// Nothing broadcast: fine when nothing was voted, a total loss otherwise.
				deliveryRatio: expectedDeliveries > 0 ? received / expectedDeliveries : sent > 0 ? 0 : 1,
				busy: Math.max(...voteParts.map((p) => p.elu)),
				durationMs: Math.max(step.durationMs, endedAt - startAt)
			};
		});
	}

	/** Not in the contract: clients held and connected now (a reconnect storm polls this). */
	status(): Promise<SwarmStatus> {
		if (this.#closed) return Promise.reject(new Error('Swarm.status: the swarm is closed'));
		return Promise.all(this.#links.map((l) => l.request({ type: 'status' }))).then((parts) => ({
			clients: parts.reduce((a, p) => a + p.clients, 0),
			connected: parts.reduce((a, p) => a + p.connected, 0)
		}));
	}

	/** Closes every client connection (the workers stay up for the next connect). */
	disconnectAll(): Promise<void> {
		return this.#exclusive('disconnectAll', async () => {
			await Promise.all(this.#links.map((l) => l.request({ type: 'disconnect' })));
			this.#assigned = 0;
		});
	}

	/** Closes all connections and terminates the workers; safe to call twice. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await Promise.all(
			this.#links.map(async (l) => {
				// Best effort: a crashed or stuck worker is terminated anyway.
				let timer: ReturnType<typeof setTimeout> | undefined;
				await Promise.race([l.request({ type: 'disconnect' }).catch(() => null), new Promise((r) => (timer = setTimeout(r, 2000)))]);
				clearTimeout(timer);
				await l.terminate();
			})
		);
	}
}
