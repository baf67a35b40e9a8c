/**
 * What both yardsticks (baseline.ts, floor.ts) share, so they differ only in transport: the
 * settings, vote validation, a tally that counts each idempotency key once, and the tick's
 * sequence number (the same hybrid clock as Plenum's, max(last + 1, now)).
 */

// Plenum's RESULTS_TICK_MS (realtime/poll-feed.ts) and MAX_MESSAGE_BYTES (realtime/attach.ts),
// copied: importing them would load Plenum's realtime modules into the yardstick's heap.
export const TICK_MS = 250;
export const MAX_MESSAGE_BYTES = 16 * 1024;
/** Bounds on a vote, so a stray payload cannot grow the tally without limit. */
export const MAX_OPTIONS = 64;
export const MAX_KEY_LENGTH = 64;
export const INVALID_VOTE = `option 0–${MAX_OPTIONS - 1} and key of 1–${MAX_KEY_LENGTH} characters required`;

/** PORT (required) and HOST (default 127.0.0.1) from the environment. */
export function listenAddress(): { port: number; host: string } {
	const port = Number(process.env.PORT);
	if (!process.env.PORT || !Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`PORT must be a port number, got ${process.env.PORT ?? 'nothing'}`);
	return { port, host: process.env.HOST || '127.0.0.1' };
}

/** A vote's option and key, or null when they are out of bounds. */
export function parseVote(option: unknown, key: unknown): { option: number; key: string } | null {
	if (typeof option !== 'number' || !Number.isInteger(option) || option < 0 || option >= MAX_OPTIONS) return null;
	if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return null;
	return { option, key };
}

export class Tally {
	private readonly seqByKey = new Map<string, number>();
	private readonly counts: Record<number, number> = {};
	private dirty = false;
	private lastSeq = 0;

	/** Counts a vote once per key; answers the vote's number (a repeated key gets its first). */
	cast(option: number, key: string): number {
		const seen = this.seqByKey.get(key);
		if (seen !== undefined) return seen;
		const seq = this.seqByKey.size + 1;
		this.seqByKey.set(key, seq);
		this.counts[option] = (this.counts[option] ?? 0) + 1;
		this.dirty = true;
		return seq;
	}

	/** The results for this tick, or null when no vote came since the last one. */
	takeTick(): { seq: number; t: number; voters: number; counts: Record<number, number> } | null {
		if (!this.dirty) return null;
		this.dirty = false;
		const t = Date.now();
		this.lastSeq = Math.max(this.lastSeq + 1, t);
		return { seq: this.lastSeq, t, voters: this.seqByKey.size, counts: this.counts };
	}
}
