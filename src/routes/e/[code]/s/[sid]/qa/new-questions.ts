/** A screen-reader user hears about new questions at most this often, never at every tick. */
export const SUMMARY_INTERVAL_MS = 10_000;
/**
 * Even the first summary waits this long: one's own new question may reach the public list a
 * moment before the list of one's own questions does, and it is no news to its asker.
 */
export const SUMMARY_DELAY_MS = 2_000;

/**
 * Collects questions that appear in the public list and reports them as one summary ("3 new
 * questions") at most every SUMMARY_INTERVAL_MS. The first list only fills the memory: what was
 * there when the page opened is not news. The participant's own questions are not counted.
 */
export class NewQuestions {
	#seen: Set<string> | null = null;
	#fresh = new Set<string>();
	#last = -Infinity;
	#timer: ReturnType<typeof setTimeout> | null = null;
	readonly #report: (count: number) => void;
	readonly #own: () => ReadonlySet<string>;
	readonly #now: () => number;

	constructor(report: (count: number) => void, own: () => ReadonlySet<string>, now: () => number = Date.now) {
		this.#report = report;
		this.#own = own;
		this.#now = now;
	}

	/** The ids of the questions now shown. */
	see(ids: readonly string[]): void {
		if (!this.#seen) {
			this.#seen = new Set(ids);
			return;
		}
		for (const id of ids) {
			if (this.#seen.has(id)) continue;
			this.#seen.add(id);
			this.#fresh.add(id);
		}
		if (this.#fresh.size > 0 && !this.#timer) {
			const due = Math.max(SUMMARY_DELAY_MS, this.#last + SUMMARY_INTERVAL_MS - this.#now());
			this.#timer = setTimeout(() => this.#flush(), due);
		}
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#flush(): void {
		this.#timer = null;
		const own = this.#own();
		const count = [...this.#fresh].filter((id) => !own.has(id)).length;
		this.#fresh.clear();
		if (count === 0) return;
		this.#last = this.#now();
		this.#report(count);
	}
}
