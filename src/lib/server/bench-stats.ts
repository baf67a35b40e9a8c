import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the benchmark reads from inside a server process (quality.md §1: emit time per tick, µs
 * per recipient, event-loop utilisation and delay p99, RSS and heap per connection after a
 * forced GC). Plenum records into it only when started with PLENUM_BENCH=1; the reference
 * servers in bench/servers/ use the same module, so the figures compare.
 *
 * HTTP: `GET /__bench/stats[?gc=1]` answers the figures since the last reset (gc=1 forces a
 * garbage collection first when node runs with --expose-gc); `POST /__bench/reset` starts a new
 * measurement window.
 */
export interface BenchStats {
	/** Event-loop utilisation (0–1) since the last reset. */
	elu: number;
	/** Event-loop delay p99 and max in ms since the last reset. */
	delayP99Ms: number;
	delayMaxMs: number;
	rssBytes: number;
	heapUsedBytes: number;
	/** Whether the heap figure follows a forced GC. */
	gc: boolean;
	connections: number;
	/** Broadcast ticks since the reset, and the time spent emitting them (synchronous emit calls). */
	ticks: number;
	emitMsTotal: number;
	emitMsPerTick: number;
	recipients: number;
	usPerRecipient: number;
}

export interface BenchRecorder {
	/** One synchronous emit to `recipients` sockets took `ms`; `tickEnd` closes a tick. */
	emitted(ms: number, recipients: number): void;
	tickEnd(): void;
}

let active: Recorder | null = null;

/** The recorder when PLENUM_BENCH=1 (or a reference server) turned it on; null otherwise, costs nothing. */
export function benchRecorder(): BenchRecorder | null {
	return active;
}

class Recorder implements BenchRecorder {
	private elu: EventLoopUtilization = performance.eventLoopUtilization();
	private readonly delay = monitorEventLoopDelay({ resolution: 10 });
	private ticks = 0;
	private emitMs = 0;
	private recipients = 0;
	private inTick = false;

	constructor() {
		this.delay.enable();
	}

	emitted(ms: number, recipients: number): void {
		this.emitMs += ms;
		this.recipients += recipients;
		this.inTick = true;
	}

	tickEnd(): void {
		if (this.inTick) this.ticks++;
		this.inTick = false;
	}

	reset(): void {
		this.elu = performance.eventLoopUtilization();
		this.delay.reset();
		this.ticks = 0;
		this.emitMs = 0;
		this.recipients = 0;
	}

	read(connections: number, forceGc: boolean): BenchStats {
		const gc = (globalThis as { gc?: () => void }).gc;
		if (forceGc && gc) gc();
		const mem = process.memoryUsage();
		return {
			elu: performance.eventLoopUtilization(this.elu).utilization,
			delayP99Ms: this.delay.percentile(99) / 1e6,
			delayMaxMs: this.delay.max / 1e6,
			rssBytes: mem.rss,
			heapUsedBytes: mem.heapUsed,
			gc: forceGc && !!gc,
			connections,
			ticks: this.ticks,
			emitMsTotal: this.emitMs,
			emitMsPerTick: this.ticks ? this.emitMs / this.ticks : 0,
			recipients: this.recipients,
			usPerRecipient: this.recipients ? (this.emitMs * 1000) / this.recipients : 0
		};
	}
}

/**
 * Turns recording on and gives the HTTP handler for the two endpoints; it answers true when it
 * handled the request. `connections` counts the server's open client connections.
 */
export function enableBenchStats(connections: () => number): (req: IncomingMessage, res: ServerResponse) => boolean {
	const rec = (active = new Recorder());
	return (req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/__bench/reset' && req.method === 'POST') {
			rec.reset();
			res.writeHead(204).end();
			return true;
		}
		if (url.pathname === '/__bench/stats' && req.method === 'GET') {
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rec.read(connections(), url.searchParams.get('gc') === '1')));
			return true;
		}
		return false;
	};
}
