/** New waiting questions are announced at most this often, so a rush does not drown the screen reader. */
export const ANNOUNCE_INTERVAL_MS = 10_000;

/**
 * Counts questions that newly arrive in the waiting list and reports them in one sentence at
 * most every ANNOUNCE_INTERVAL_MS ("3 new questions waiting"). The first list seen is what was
 * already there, not news. A question that leaves the list and comes back (edited in
 * pre-moderation) is new again.
 */
export class WaitingAnnouncer {
	#current: Set<string> | null = null;
	#fresh = 0;
	#last = -Infinity;
	#timer: ReturnType<typeof setTimeout> | null = null;
	readonly #report: (count: number) => void;
	readonly #now: () => number;

	constructor(report: (count: number) => void, now: () => number = Date.now) {
		this.#report = report;
		this.#now = now;
	}

	observe(waitingIds: readonly string[]): void {
		const next = new Set(waitingIds);
		if (this.#current === null) {
			this.#current = next;
			return;
		}
		for (const id of next) if (!this.#current.has(id)) this.#fresh++;
		this.#current = next;
		if (this.#fresh === 0 || this.#timer) return;
		const wait = this.#last + ANNOUNCE_INTERVAL_MS - this.#now();
		if (wait <= 0) this.#flush();
		else this.#timer = setTimeout(() => this.#flush(), wait);
	}

	/** Forgets what was seen (after a reconnect the list is fetched anew and is not news). */
	reset(): void {
		this.#current = null;
		this.#fresh = 0;
	}

	dispose(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#flush(): void {
		this.#timer = null;
		if (this.#fresh === 0) return;
		this.#last = this.#now();
		const n = this.#fresh;
		this.#fresh = 0;
		this.#report(n);
	}
}
