import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import type { PlenumServer } from './context.ts';
import { benchRecorder } from '../bench-stats.ts';

/**
 * What the poll, Q&A and board feeds share: changes are collected in `dirty` between ticks, and
 * every `intervalMs` one tick sends what changed — never one message per vote, upvote or claim.
 * Ticks never overlap; a tick that fails puts its batch back for the next one, so nothing is
 * dropped.
 */
export abstract class TickFeed<K, V> {
	protected readonly dirty = new Map<K, V>();
	protected readonly io: PlenumServer;
	protected readonly deps: Deps;
	protected readonly log: Logger;
	private readonly intervalMs: number;
	private readonly name: string;
	private timer: ReturnType<typeof setInterval> | null = null;
	private ticking = false;
	private readonly seqs = new Map<K, number>();

	constructor(io: PlenumServer, deps: Deps, log: Logger, intervalMs: number, name: string) {
		this.io = io;
		this.deps = deps;
		this.log = log;
		this.intervalMs = intervalMs;
		this.name = name;
	}

	start(): void {
		this.timer = setInterval(() => void this.tick(), this.intervalMs);
		this.timer.unref();
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
	}

	async tick(): Promise<void> {
		if (this.ticking || this.dirty.size === 0) return;
		this.ticking = true;
		const batch = [...this.dirty];
		this.dirty.clear();
		try {
			await this.flush(batch);
			benchRecorder()?.tickEnd();
		} catch (e) {
			this.requeue(batch);
			this.log.error(`${this.name} tick failed`, { error: e instanceof Error ? e.message : String(e) });
		} finally {
			this.ticking = false;
		}
	}

	/**
	 * The next sequence number of a key's snapshots: a hybrid clock, max(last + 1, now in ms).
	 * It grows on every process alike, so a phone that moves to another process (which ticks on
	 * its own) never takes an older snapshot there for a newer one (P8, D3); a fetched snapshot
	 * gets a fresh number too, so ticks computed before it are ignored. Needs clocks in step
	 * (NTP) across processes; a skew only matters when it exceeds a reconnect's duration.
	 */
	nextSeq(key: K): number {
		const seq = Math.max((this.seqs.get(key) ?? 0) + 1, Date.now());
		this.seqs.set(key, seq);
		return seq;
	}

	/** Are sockets of this room connected to this process? */
	protected hasSockets(room: string): boolean {
		return (this.io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;
	}

	/** Sends one tick's worth of changes. */
	protected abstract flush(batch: [K, V][]): Promise<void>;
	/** Puts a failed batch back, merged with what changed meanwhile. */
	protected abstract requeue(batch: [K, V][]): void;
}
