import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { RedisLink } from './link.ts';

/** The bus stream keeps about this many messages: a reader that lags further has missed them. */
const BUS_MAX_LEN = 10_000;
/** A blocked read returns after this long even when nothing came (to notice a close). */
const BLOCK_MS = 2000;

/**
 * Messages between Plenum processes over one Redis stream (`<prefix>bus`): "these polls,
 * questions, boards changed" and presence counts. A stream, not pub/sub, so a reader that was
 * cut off for a moment continues from where it stopped. Each process reads every message but its
 * own. Sending never waits for Redis: while it is away a message is dropped, and every process
 * refreshes its own clients from the database when Redis returns.
 */
export class RedisBus<M> {
	readonly id = randomUUID();
	private readonly key: string;
	private readonly link: RedisLink;
	private readonly log: Logger;
	private closed = false;

	constructor(link: RedisLink, log: Logger) {
		this.link = link;
		this.log = log;
		this.key = `${link.prefix}bus`;
	}

	/** Sends one message to every other process; false when Redis is away (it was dropped). */
	publish(message: M): boolean {
		if (!this.link.isUp()) return false;
		this.link.client
			.xAdd(this.key, '*', { f: this.id, m: JSON.stringify(message) }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: BUS_MAX_LEN } })
			.catch(() => {});
		return true;
	}

	/** Reads messages of the other processes until close(); starts with what is sent from now on. */
	listen(onMessage: (message: M, from: string) => void): void {
		const reader = this.link.extra(true);
		let offset = '$';
		const loop = async () => {
			while (!this.closed) {
				try {
					const res = (await reader.xRead({ key: this.key, id: offset }, { BLOCK: BLOCK_MS, COUNT: 500 })) as
						{ messages: { id: string; message: Record<string, string> }[] }[] | null;
					for (const entry of res?.[0]?.messages ?? []) {
						offset = entry.id;
						if (entry.message.f === this.id || !entry.message.m) continue;
						try {
							onMessage(JSON.parse(entry.message.m) as M, entry.message.f ?? '');
						} catch (e) {
							this.log.error('bus message failed', { error: e instanceof Error ? e.message : String(e) });
						}
					}
				} catch {
					// Redis went away mid-read; the reader's offline queue waits for its return.
					if (!this.closed) await new Promise((r) => setTimeout(r, 200));
				}
			}
		};
		void loop();
	}

	close(): void {
		this.closed = true;
	}
}
