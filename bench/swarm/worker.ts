/**
 * One worker thread of the load generator (bench/swarm/swarm.ts): holds its share of the simulated
 * phones, opens them at the asked rate, sends its share of the votes spread evenly over a step and
 * records connect time, ack latency, broadcast latency and deliveries. Measurements are plain
 * numbers in preallocated arrays, so thousands of clients per worker cost the event loop little;
 * each answer carries this thread's event-loop utilisation, so the caller can tell when the
 * generator, not the server, was the bottleneck.
 */
import { randomUUID } from 'node:crypto';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol-version.ts';
import type {
	CollectRequest,
	CollectResult,
	ConnectRequest,
	ConnectResult,
	RequestEnvelope,
	VotesRequest,
	VotesResult,
	WorkerInit,
	WorkerRequest,
	WorkerResults
} from './messages.ts';
import { Reservoir } from './percentiles.ts';
import { seededRandom } from './random.ts';
import type { LoadStep, Target } from './types.ts';

/** An ack not back within this long counts as failed (brief: 10 s). */
const ACK_TIMEOUT_MS = 10_000;
/** A connection attempt not through within this long counts as failed. */
const CONNECT_TIMEOUT_MS = 20_000;
const MAX_ERRORS = 5;
/**
 * Per client, the seqs of this many recent results messages are kept to drop repeats: a set of
 * all seqs of a step would cost megabytes at 5,000 clients, and a plain "higher than the last"
 * test would drop messages that arrive out of order from two server processes (P7).
 */
const RECENT_SEQS = 16;

if (!parentPort) throw new Error('bench/swarm/worker.ts runs as a worker thread started by bench/swarm/swarm.ts');
const port = parentPort;
const init = workerData as WorkerInit;
const random = seededRandom(init.seed);
const now = (): number => performance.timeOrigin + performance.now();

type Settle = (error: string | null, connectMs: number) => void;

/** One simulated phone. */
interface Client {
	readonly target: Target;
	/** Position in `live`, or -1 while not connected (and, for Plenum, not watching). */
	slot: number;
	lastKey: string | null;
	/** The last RECENT_SEQS seqs received in the current step (a ring), so a repeated message counts once. */
	readonly recent: Float64Array;
	recentAt: number;
	/** Sends a vote; `done` is called exactly once. */
	vote(step: LoadStep, option: number, key: string, done: (ok: boolean) => void): void;
	close(): void;
}

const clients = new Set<Client>();
/** Connected clients, for picking a random voter in O(1). */
const live: Client[] = [];

function markLive(c: Client): void {
	if (c.slot >= 0) return;
	c.slot = live.length;
	live.push(c);
}

function markDead(c: Client): void {
	if (c.slot < 0) return;
	const last = live.pop();
	if (last && last !== c) {
		live[c.slot] = last;
		last.slot = c.slot;
	}
	c.slot = -1;
}

/** Receipts of results messages in the current step. */
const receipts = {
	recording: false,
	/** Only messages sent at or after the step's start count. */
	fromTime: Number.POSITIVE_INFINITY,
	pollId: undefined as string | undefined,
	perSeq: new Map<number, { time: number; receivers: number }>(),
	latency: new Reservoir(random)
};

function onResults(c: Client, seq: unknown, time: unknown, pollId?: unknown): void {
	if (!receipts.recording || typeof seq !== 'number' || typeof time !== 'number' || time < receipts.fromTime) return;
	if (receipts.pollId !== undefined && pollId !== undefined && pollId !== receipts.pollId) return;
	if (c.recent.includes(seq)) return;
	c.recent[c.recentAt] = seq;
	c.recentAt = (c.recentAt + 1) % RECENT_SEQS;
	receipts.latency.add(Date.now() - time);
	const entry = receipts.perSeq.get(seq);
	if (entry) entry.receivers++;
	else receipts.perSeq.set(seq, { time, receivers: 1 });
}

function messageOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

function isOk(res: unknown): boolean {
	return typeof res === 'object' && res !== null && (res as { ok?: unknown }).ok === true;
}

function refusal(res: unknown): string {
	const error = typeof res === 'object' && res !== null ? (res as { error?: { code?: unknown; message?: unknown } }).error : undefined;
	return String(error?.code ?? error?.message ?? JSON.stringify(res));
}

/** A Socket.IO client for Plenum (authenticated audience watching the session) or the baseline. */
function openSocketIo(req: ConnectRequest, cookie: string | undefined, settle: Settle): Client {
	const { spec } = req;
	const plenum = spec.target === 'plenum' ? spec.plenum : undefined;
	if (spec.target === 'plenum' && !plenum) throw new Error('plenum target without plenum options');
	const t0 = performance.now();
	const socket: Socket = io(spec.url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: spec.reconnect === true,
		timeout: CONNECT_TIMEOUT_MS,
		...(plenum
			? { auth: { v: PROTOCOL_VERSION, role: 'audience', eventId: plenum.eventId }, extraHeaders: { origin: plenum.origin, ...(cookie ? { cookie } : {}) } }
			: {})
	});
	let settled = false;
	const finish = (error: string | null, ms: number): void => {
		if (settled) return;
		settled = true;
		if (error !== null) socket.close();
		settle(error, ms);
	};
	const client: Client = {
		target: spec.target,
		slot: -1,
		lastKey: null,
		recent: new Float64Array(RECENT_SEQS).fill(Number.NaN),
		recentAt: 0,
		vote(step, option, key, done) {
			const ack = (err: Error | null, res: unknown): void => done(!err && isOk(res));
			if (spec.target === 'plenum')
				socket.timeout(ACK_TIMEOUT_MS).emit('poll:vote', { pollId: step.pollId, answer: { kind: 'single', optionId: `o${1 + option}` }, key }, ack);
			else socket.timeout(ACK_TIMEOUT_MS).emit('vote', { option, key }, ack);
		},
		close() {
			socket.close();
			markDead(client);
			finish('closed before connecting', 0);
		}
	};
	socket.on('connect', () => {
		const ms = performance.now() - t0;
		if (!plenum) {
			markLive(client);
			return finish(null, ms);
		}
		// Plenum sends results only to sockets that watch the session; on a reconnect the rooms are gone, so watch again.
		socket.timeout(ACK_TIMEOUT_MS).emit('session:watch', { sessionId: plenum.sessionId }, (err: Error | null, res: unknown) => {
			if (err || !isOk(res)) return finish(err ? `session:watch: ${err.message}` : `session:watch refused: ${refusal(res)}`, ms);
			if (socket.connected) markLive(client);
			finish(null, ms);
		});
	});
	socket.on('connect_error', (err: Error) => finish(err.message || 'connect_error', 0));
	socket.on('disconnect', () => markDead(client));
	if (plenum) socket.on('poll:results', (r: { pollId?: unknown; seq?: unknown } | null) => onResults(client, r?.seq, r?.seq, r?.pollId));
	else socket.on('results', (r: { seq?: unknown; t?: unknown } | null) => onResults(client, r?.seq, r?.t));
	return client;
}

/** Votes sent to floor servers and not yet answered, by vote id (the floor protocol matches acks by id). */
const floorAcks = new Map<number, { owner: Client; deadline: number; done: (ok: boolean) => void }>();
let nextFloorId = 1;
let floorSweep: ReturnType<typeof setInterval> | null = null;

function settleFloorAck(id: number, ok: boolean): void {
	const p = floorAcks.get(id);
	if (!p) return;
	floorAcks.delete(id);
	if (floorAcks.size === 0 && floorSweep) {
		clearInterval(floorSweep);
		floorSweep = null;
	}
	p.done(ok);
}

function sweepFloorAcks(): void {
	const t = performance.now();
	for (const [id, p] of floorAcks) if (p.deadline <= t) settleFloorAck(id, false);
}

/** A raw `ws` client speaking the floor protocol: {type:'vote', option, key, id} → {type:'ack', id}; {type:'results', seq, t}. */
function openFloor(req: ConnectRequest, settle: Settle): Client {
	const url = req.spec.url.replace(/^http/, 'ws');
	const t0 = performance.now();
	const ws = new WebSocket(url, { handshakeTimeout: CONNECT_TIMEOUT_MS, perMessageDeflate: false });
	let settled = false;
	const finish = (error: string | null, ms: number): void => {
		if (settled) return;
		settled = true;
		settle(error, ms);
	};
	const client: Client = {
		target: 'floor',
		slot: -1,
		lastKey: null,
		recent: new Float64Array(RECENT_SEQS).fill(Number.NaN),
		recentAt: 0,
		vote(_step, option, key, done) {
			if (ws.readyState !== WebSocket.OPEN) return done(false);
			const id = nextFloorId++;
			floorAcks.set(id, { owner: client, deadline: performance.now() + ACK_TIMEOUT_MS, done });
			floorSweep ??= setInterval(sweepFloorAcks, 250);
			ws.send(JSON.stringify({ type: 'vote', option, key, id }), (err) => {
				if (err) settleFloorAck(id, false);
			});
		},
		close() {
			ws.terminate();
			markDead(client);
			finish('closed before connecting', 0);
		}
	};
	ws.on('open', () => {
		markLive(client);
		finish(null, performance.now() - t0);
	});
	ws.on('message', (data: WebSocket.RawData) => {
		let m: { type?: unknown; id?: unknown; ok?: unknown; seq?: unknown; t?: unknown };
		try {
			m = JSON.parse(data.toString()) as typeof m;
		} catch {
			return;
		}
		if (m?.type === 'results') onResults(client, m.seq, m.t);
		else if (m?.type === 'ack' && typeof m.id === 'number') settleFloorAck(m.id, m.ok !== false);
	});
	ws.on('error', (err: Error) => finish(err.message || 'websocket error', 0));
	ws.on('close', () => {
		markDead(client);
		for (const [id, p] of floorAcks) if (p.owner === client) settleFloorAck(id, false);
		finish('closed before opening', 0);
	});
	return client;
}

/** Calls `fire(k)` for k = 0 … count-1 as soon as `dueAt(k)` (ms since the epoch) has come, then `done`. */
function pace(count: number, dueAt: (k: number) => number, fire: (k: number) => void, done: () => void): void {
	let k = 0;
	const tick = (): void => {
		const t = now();
		while (k < count && dueAt(k) <= t) fire(k++);
		if (k < count) setTimeout(tick, Math.max(1, dueAt(k) - t));
		else done();
	};
	tick();
}

function connect(req: ConnectRequest): Promise<ConnectResult> {
	const total = req.indices.length;
	const times = new Reservoir(random, Math.max(1, total));
	const errors = new Set<string>();
	let opened = 0;
	let failed = 0;
	const elu0 = performance.eventLoopUtilization();
	return new Promise((resolve) => {
		let settledCount = 0;
		const finish = (): void =>
			resolve({ opened, failed, connect: times.snapshot(), elu: performance.eventLoopUtilization(elu0).utilization, errors: [...errors] });
		const settle: Settle = (error, ms) => {
			if (error === null) {
				opened++;
				times.add(ms);
			} else {
				failed++;
				if (errors.size < MAX_ERRORS) errors.add(error);
			}
			if (++settledCount === total) finish();
		};
		if (total === 0) return finish();
		pace(
			total,
			(k) => req.startAt + (req.indices[k] ?? 0) * req.intervalMs,
			(k) => {
				try {
					clients.add(req.spec.target === 'floor' ? openFloor(req, settle) : openSocketIo(req, req.cookies[k], settle));
				} catch (e) {
					settle(messageOf(e), 0);
				}
			},
			() => {}
		);
	});
}

function prepare(): { connected: number } {
	for (const c of clients) c.recent.fill(Number.NaN);
	receipts.perSeq.clear();
	receipts.latency.clear();
	receipts.fromTime = Number.POSITIVE_INFINITY;
	receipts.pollId = undefined;
	receipts.recording = true;
	return { connected: live.length };
}

function votes(req: VotesRequest): Promise<VotesResult> {
	const { step, count, startAt, intervalMs, phaseMs } = req;
	const share = step.repeatKeyShare ?? 0;
	receipts.fromTime = startAt;
	receipts.pollId = step.pollId;
	const ack = new Reservoir(random);
	let sent = 0;
	let acked = 0;
	let failedAcks = 0;
	let pending = 0;
	let allSent = false;
	let elu0: EventLoopUtilization | undefined;
	return new Promise((resolve) => {
		const check = (): void => {
			if (!allSent || pending > 0) return;
			const elu = elu0 ? performance.eventLoopUtilization(elu0).utilization : 0;
			resolve({ sent, acked, failedAcks, ack: ack.snapshot(), elu, endedAt: now() });
		};
		const fire = (): void => {
			sent++;
			const c = live[Math.floor(random() * live.length)];
			if (!c) {
				failedAcks++;
				return;
			}
			const option = Math.floor(random() * step.options);
			const key = c.lastKey !== null && random() < share ? c.lastKey : randomUUID();
			c.lastKey = key;
			const t0 = performance.now();
			pending++;
			c.vote(step, option, key, (ok) => {
				pending--;
				if (ok) {
					acked++;
					ack.add(performance.now() - t0);
				} else failedAcks++;
				check();
			});
		};
		const begin = (): void => {
			elu0 = performance.eventLoopUtilization();
			pace(
				count,
				(k) => startAt + phaseMs + k * intervalMs,
				fire,
				() =>
					setTimeout(
						() => {
							allSent = true;
							check();
						},
						Math.max(0, startAt + step.durationMs - now())
					)
			);
		};
		setTimeout(begin, Math.max(0, startAt - now()));
	});
}

function collect(req: CollectRequest): CollectResult {
	receipts.recording = false;
	let received = 0;
	const seqs: number[] = [];
	for (const [seq, e] of receipts.perSeq) {
		if (e.time < req.fromTime || e.time > req.toTime) continue;
		received += e.receivers;
		seqs.push(seq);
	}
	return { received, seqs, broadcast: receipts.latency.snapshot() };
}

function disconnectAll(): null {
	for (const c of clients) c.close();
	clients.clear();
	for (const c of live) c.slot = -1;
	live.length = 0;
	return null;
}

async function handle(req: WorkerRequest): Promise<WorkerResults[keyof WorkerResults]> {
	switch (req.type) {
		case 'ping':
			return null;
		case 'connect':
			return connect(req);
		case 'prepare':
			return prepare();
		case 'votes':
			return votes(req);
		case 'collect':
			return collect(req);
		case 'disconnect':
			return disconnectAll();
		case 'status':
			return { clients: clients.size, connected: live.length };
	}
}

port.on('message', (env: RequestEnvelope) => {
	handle(env.req).then(
		(result) => port.postMessage({ id: env.id, ok: true, result }),
		(e: unknown) => port.postMessage({ id: env.id, ok: false, error: messageOf(e) })
	);
});
