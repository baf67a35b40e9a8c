/**
 * Live seat counts change every half second in a rush; a screen reader must not read each one
 * (A2: polite and throttled). A `ThrottledNews` keeps the last announced value per key (e.g.
 * "workshop B is full") and reports only what differs from it, at most once per interval and
 * after a short pause to collect a burst. A value that flips and flips back in between is no news.
 */
export const NEWS_DELAY_MS = 2_000;
export const NEWS_INTERVAL_MS = 10_000;

export type Change<V> = { key: string; before: V; after: V };

export class ThrottledNews<V> {
	#announced: Map<string, V> | null = null;
	#current = new Map<string, V>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastAt = -Infinity;
	readonly #emit: (changes: Change<V>[]) => void;
	readonly #now: () => number;

	constructor(emit: (changes: Change<V>[]) => void, now: () => number = Date.now) {
		this.#emit = emit;
		this.#now = now;
	}

	/** The current values. The first ones are the starting point, not news; new keys join silently. */
	see(values: Iterable<readonly [string, V]>): void {
		this.#current = new Map(values);
		if (!this.#announced) {
			this.#announced = new Map(this.#current);
			return;
		}
		if (this.#timer || this.#changes().length === 0) return;
		const wait = Math.max(NEWS_DELAY_MS, this.#lastAt + NEWS_INTERVAL_MS - this.#now());
		this.#timer = setTimeout(() => this.#flush(), wait);
	}

	/** Takes the current values as told (they were announced another way). */
	settle(): void {
		this.#announced = new Map(this.#current);
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#changes(): Change<V>[] {
		const out: Change<V>[] = [];
		for (const [key, after] of this.#current) {
			if (!this.#announced?.has(key)) continue;
			const before = this.#announced.get(key) as V;
			if (before !== after) out.push({ key, before, after });
		}
		return out;
	}

	#flush(): void {
		this.#timer = null;
		const changes = this.#changes();
		this.#announced = new Map(this.#current);
		if (changes.length === 0) return;
		this.#lastAt = this.#now();
		this.#emit(changes);
	}
}
