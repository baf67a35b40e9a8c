/**
 * A TCP fault proxy for reliability tests: it sits between clients and one or more backends
 * (Plenum processes, PostgreSQL, Redis) and injects the faults real networks have — latency with
 * jitter, cut connections, refused routes, blackholes, dead backends. With several backends it is
 * also the sticky round-robin load balancer the scale-out tests put in front of Plenum, so a test
 * can kill one instance and watch clients move to another. Pure `node:net`, no dependencies.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** One upstream server the proxy forwards to. */
export interface Backend {
	host: string;
	port: number;
}

/** How the proxy listens and where it forwards. */
export interface FaultProxyOptions {
	/** One backend = plain proxy; several = balancer. */
	backends: Backend[];
	/** Default '127.0.0.1'. */
	listenHost?: string;
	/** Default 0 (ephemeral). */
	listenPort?: number;
	/**
	 * 'source' (default): a client source address keeps its backend (sticky, like HAProxy `balance source`);
	 * new addresses get the next backend round-robin. 'connection': every TCP connection round-robin.
	 */
	sticky?: 'source' | 'connection';
}

type Direction = 'up' | 'down';

/** The fault settings every connection reads live, so a change applies to open connections at once. */
interface Faults {
	latencyMs: number;
	jitterMs: number;
	blackhole: Direction | 'both' | null;
}

/** How long a backend whose connect failed is skipped by new connections. */
const CONNECT_FAILURE_DOWN_MS = 2_000;
/** Bytes held in a latency queue before the source is paused (backpressure). */
const QUEUE_HIGH_WATER = 1 << 20;

/**
 * One direction of one connection: forwards chunks from `src` to `dst`, delayed and in order.
 * Each chunk gets a "not before" time of max(previous chunk's time, now + latency + jitter), so
 * jitter never lets a chunk overtake an earlier one.
 */
class Pipe {
	readonly #src: Socket;
	readonly #dst: Socket;
	readonly #direction: Direction;
	readonly #faults: Faults;
	readonly #onBroken: () => void;
	#queue: { chunk: Buffer; at: number }[] = [];
	#queuedBytes = 0;
	#lastAt = 0;
	#timer: NodeJS.Timeout | undefined;
	#ending = false;

	constructor(src: Socket, dst: Socket, direction: Direction, faults: Faults, onBroken: () => void) {
		this.#src = src;
		this.#dst = dst;
		this.#direction = direction;
		this.#faults = faults;
		this.#onBroken = onBroken;
		dst.on('drain', () => this.#updateFlow());
	}

	/** True while this direction is blackholed: its bytes (and its FIN) are dropped. */
	#dropping(): boolean {
		return this.#faults.blackhole === 'both' || this.#faults.blackhole === this.#direction;
	}

	push(chunk: Buffer): void {
		if (this.#dropping()) return;
		const { latencyMs, jitterMs } = this.#faults;
		const delay = latencyMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
		if (delay <= 0 && this.#queue.length === 0) {
			this.#write(chunk);
			this.#updateFlow();
			return;
		}
		const at = Math.max(this.#lastAt, performance.now() + delay);
		this.#lastAt = at;
		this.#queue.push({ chunk, at });
		this.#queuedBytes += chunk.length;
		this.#schedule();
		this.#updateFlow();
	}

	/** The source sent FIN: pass it on after the queued bytes (unless this direction is blackholed). */
	end(): void {
		if (this.#dropping()) return;
		this.#ending = true;
		if (this.#queue.length === 0) this.#dst.end();
	}

	dispose(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#queue = [];
		this.#queuedBytes = 0;
	}

	#schedule(): void {
		const head = this.#queue[0];
		if (this.#timer || !head) return;
		this.#timer = setTimeout(() => this.#flush(), Math.max(0, Math.ceil(head.at - performance.now())));
	}

	#flush(): void {
		this.#timer = undefined;
		// Timers may fire a little early; a chunk never leaves before its time.
		const now = performance.now();
		while (this.#queue[0] && this.#queue[0].at <= now) {
			const { chunk } = this.#queue.shift()!;
			this.#queuedBytes -= chunk.length;
			this.#write(chunk);
		}
		if (this.#queue.length > 0) this.#schedule();
		else if (this.#ending) this.#dst.end();
		this.#updateFlow();
	}

	#write(chunk: Buffer): void {
		if (this.#dst.destroyed || this.#dst.writableEnded) {
			// The receiver is gone: like TCP answering data to a closed socket with RST.
			this.#onBroken();
			return;
		}
		this.#dst.write(chunk);
	}

	#updateFlow(): void {
		if (this.#src.destroyed) return;
		const hold = this.#dst.writableNeedDrain || this.#queuedBytes > QUEUE_HIGH_WATER;
		if (hold) this.#src.pause();
		else if (this.#src.isPaused()) this.#src.resume();
	}
}

/** One client connection and its upstream connection, torn down together. */
class Link {
	readonly client: Socket;
	upstream: Socket | undefined;
	backend = -1;
	done = false;
	readonly pipes: Pipe[] = [];
	readonly #onDone: (link: Link) => void;

	constructor(client: Socket, onDone: (link: Link) => void) {
		this.client = client;
		this.#onDone = onDone;
	}

	/** Destroys both sides now (an RST from the peers' view when data is pending). */
	destroy(): void {
		if (this.done) return;
		this.done = true;
		for (const pipe of this.pipes) pipe.dispose();
		this.client.destroy();
		this.upstream?.destroy();
		this.#onDone(this);
	}

	/** Both sockets closed cleanly: forget the link without touching them. */
	closedCleanly(): void {
		if (this.done || !this.client.closed || !this.upstream?.closed) return;
		this.done = true;
		for (const pipe of this.pipes) pipe.dispose();
		this.#onDone(this);
	}
}

/**
 * The proxy. Start it with `FaultProxy.start`, point clients at `host:port`, flip faults while the
 * test runs, and `close()` it in afterAll.
 */
export class FaultProxy {
	readonly port: number;
	readonly host: string;
	readonly #server: Server;
	readonly #backends: Backend[];
	readonly #sticky: 'source' | 'connection';
	readonly #faults: Faults = { latencyMs: 0, jitterMs: 0, blackhole: null };
	readonly #links = new Set<Link>();
	readonly #bySource = new Map<string, number>();
	readonly #manualDown: boolean[];
	readonly #failedUntil: number[];
	#nextBackend = 0;
	#refusing = false;
	#accepted = 0;

	private constructor(server: Server, opts: FaultProxyOptions, host: string, port: number) {
		this.#server = server;
		this.#backends = opts.backends.map((b) => ({ host: b.host, port: b.port }));
		this.#sticky = opts.sticky ?? 'source';
		this.#manualDown = this.#backends.map(() => false);
		this.#failedUntil = this.#backends.map(() => 0);
		this.host = host;
		this.port = port;
		server.on('connection', (socket) => this.#accept(socket));
		// A listener error after start (EMFILE, …) must not crash the test process.
		server.on('error', () => {});
	}

	/** Listens and resolves once the port is bound. */
	static start(opts: FaultProxyOptions): Promise<FaultProxy> {
		if (opts.backends.length === 0) return Promise.reject(new Error('FaultProxy needs at least one backend'));
		const host = opts.listenHost ?? '127.0.0.1';
		const server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(opts.listenPort ?? 0, host, () => {
				server.off('error', reject);
				const address = server.address();
				if (address === null || typeof address === 'string') {
					server.close();
					reject(new Error('FaultProxy: listener has no TCP address'));
					return;
				}
				resolve(new FaultProxy(server, opts, host, address.port));
			});
		});
	}

	/**
	 * Added one-way delay in ms for every chunk, both directions, plus uniform random jitter
	 * 0..jitterMs; order of bytes is preserved per direction (a chunk never overtakes an earlier one).
	 */
	setLatency(ms: number, jitterMs = 0): void {
		if (!(ms >= 0) || !(jitterMs >= 0)) throw new Error(`FaultProxy.setLatency: ms and jitterMs must be >= 0 (got ${ms}, ${jitterMs})`);
		this.#faults.latencyMs = ms;
		this.#faults.jitterMs = jitterMs;
	}

	/** Destroys every open connection (both sides) now. New connections keep working unless refuse(true). */
	cut(): void {
		for (const link of [...this.#links]) link.destroy();
	}

	/** While true, new client connections are accepted and immediately destroyed (like a dead route); existing ones untouched. */
	refuse(on: boolean): void {
		this.#refusing = on;
	}

	/**
	 * Silently drop bytes in one direction ('up' = client→backend, 'down' = backend→client, or 'both');
	 * connections stay open (a blackhole: no FIN, no RST). blackhole(null) ends it. Bytes (and FINs)
	 * that arrive while the blackhole is on are lost for good; bytes already queued by latency still go.
	 */
	blackhole(direction: 'up' | 'down' | 'both' | null): void {
		this.#faults.blackhole = direction;
	}

	/**
	 * Marks a backend down/up for routing (by index). A sticky client whose backend is down (or whose
	 * connect to it fails with ECONNREFUSED/ECONNRESET) is re-assigned to the next healthy backend,
	 * round-robin; a connect failure marks that backend down for 2 s. setBackendDown(i, false) also
	 * clears that 2 s mark. Open connections are untouched (use cut() or kill the backend for that).
	 */
	setBackendDown(index: number, down: boolean): void {
		if (!Number.isInteger(index) || index < 0 || index >= this.#backends.length) {
			throw new Error(`FaultProxy.setBackendDown: no backend ${index} (have ${this.#backends.length})`);
		}
		this.#manualDown[index] = down;
		if (!down) this.#failedUntil[index] = 0;
	}

	/**
	 * Counts for assertions: open connections in total and per backend index; total accepted
	 * (every connection the listener took, refused ones included). A connection counts for its
	 * backend from the moment the proxy picks it, before the upstream connect completes.
	 */
	stats(): { open: number; perBackend: number[]; accepted: number } {
		const perBackend = this.#backends.map(() => 0);
		for (const link of this.#links) if (link.backend >= 0) perBackend[link.backend]! += 1;
		return { open: this.#links.size, perBackend, accepted: this.#accepted };
	}

	/** Stops listening and destroys every connection. */
	close(): Promise<void> {
		return new Promise((resolve) => {
			this.#server.close(() => resolve());
			this.cut();
		});
	}

	#accept(client: Socket): void {
		this.#accepted += 1;
		client.on('error', () => {});
		if (this.#refusing) {
			client.destroy();
			return;
		}
		client.setNoDelay(true);
		const link = new Link(client, (l) => this.#links.delete(l));
		this.#links.add(link);
		client.on('close', (hadError) => {
			if (hadError || !link.upstream || link.upstream.connecting) link.destroy();
			else link.closedCleanly();
		});
		client.on('error', () => link.destroy());
		this.#connectUpstream(link, new Set());
	}

	/**
	 * Connects the link to a backend. A connect failure (before any client byte was forwarded —
	 * the client is paused until then) marks the backend down for 2 s and tries the next one; when
	 * none is left the client is destroyed.
	 */
	#connectUpstream(link: Link, tried: Set<number>): void {
		if (link.done) return;
		const source = link.client.remoteAddress ?? '';
		const index = this.#pick(source, tried);
		if (index < 0) {
			link.destroy();
			return;
		}
		tried.add(index);
		const backend = this.#backends[index]!;
		const upstream = connect({ host: backend.host, port: backend.port, allowHalfOpen: true });
		link.upstream = upstream;
		link.backend = index;
		let connected = false;
		upstream.on('error', () => {
			if (connected || link.done || link.upstream !== upstream) {
				link.destroy();
				return;
			}
			this.#failedUntil[index] = Date.now() + CONNECT_FAILURE_DOWN_MS;
			upstream.destroy();
			link.upstream = undefined;
			link.backend = -1;
			this.#connectUpstream(link, tried);
		});
		upstream.on('connect', () => {
			connected = true;
			if (link.done) {
				upstream.destroy();
				return;
			}
			upstream.setNoDelay(true);
			this.#wire(link, upstream);
		});
	}

	#wire(link: Link, upstream: Socket): void {
		const { client } = link;
		const broken = () => link.destroy();
		const up = new Pipe(client, upstream, 'up', this.#faults, broken);
		const down = new Pipe(upstream, client, 'down', this.#faults, broken);
		link.pipes.push(up, down);
		client.on('data', (chunk: Buffer) => up.push(chunk));
		client.on('end', () => up.end());
		upstream.on('data', (chunk: Buffer) => down.push(chunk));
		upstream.on('end', () => down.end());
		upstream.on('close', (hadError) => {
			if (hadError) link.destroy();
			else link.closedCleanly();
		});
		client.resume();
	}

	/** Chooses a backend index for a new connection, or -1 when none may be tried. */
	#pick(source: string, tried: Set<number>): number {
		if (this.#sticky === 'source') {
			const kept = this.#bySource.get(source);
			if (kept !== undefined && !tried.has(kept) && this.#healthy(kept)) return kept;
		}
		let index = this.#roundRobin((i) => !tried.has(i) && this.#healthy(i));
		// Only connect failures left: still try them, so a single-backend proxy recovers as soon as its backend is back.
		if (index < 0) index = this.#roundRobin((i) => !tried.has(i) && !this.#manualDown[i]);
		if (index >= 0 && this.#sticky === 'source') this.#bySource.set(source, index);
		return index;
	}

	#roundRobin(eligible: (index: number) => boolean): number {
		const n = this.#backends.length;
		for (let k = 0; k < n; k++) {
			const index = (this.#nextBackend + k) % n;
			if (eligible(index)) {
				this.#nextBackend = (index + 1) % n;
				return index;
			}
		}
		return -1;
	}

	#healthy(index: number): boolean {
		return !this.#manualDown[index] && Date.now() >= this.#failedUntil[index]!;
	}
}
