import type { Percentiles } from './types.ts';

/**
 * Latency samples as plain numbers in a preallocated Float64Array: a worker may see millions of
 * receipts in a step (5,000 clients × 4 ticks/s × 60 s), so past `capacity` it keeps a uniform
 * random sample (reservoir sampling, algorithm R) plus the exact count and maximum.
 */
export const DEFAULT_CAPACITY = 200_000;

/** What a worker hands to the main thread: the kept samples, how many there were in all, the true maximum. */
export interface SampleSet {
	samples: Float64Array;
	count: number;
	max: number;
}

export class Reservoir {
	readonly #values: Float64Array;
	readonly #random: () => number;
	#count = 0;
	#max = 0;

	constructor(random: () => number, capacity = DEFAULT_CAPACITY) {
		this.#values = new Float64Array(capacity);
		this.#random = random;
	}

	add(x: number): void {
		const n = this.#count++;
		if (x > this.#max || n === 0) this.#max = x;
		if (n < this.#values.length) this.#values[n] = x;
		else {
			const j = Math.floor(this.#random() * (n + 1));
			if (j < this.#values.length) this.#values[j] = x;
		}
	}

	get count(): number {
		return this.#count;
	}

	clear(): void {
		this.#count = 0;
		this.#max = 0;
	}

	/** A copy of the kept samples (safe to post to another thread). */
	snapshot(): SampleSet {
		return { samples: this.#values.slice(0, Math.min(this.#count, this.#values.length)), count: this.#count, max: this.#max };
	}
}

const ZERO: Percentiles = { p50: 0, p95: 0, p99: 0, max: 0 };

/**
 * Percentiles over the sample sets of all workers. A set that was thinned out by the reservoir
 * weighs count / kept per sample, so a busy worker is not under-represented.
 */
export function summarise(sets: SampleSet[]): Percentiles {
	const parts = sets.filter((s) => s.samples.length > 0);
	if (parts.length === 0) return { ...ZERO };
	const max = Math.max(...parts.map((s) => s.max));
	const n = parts.reduce((a, s) => a + s.samples.length, 0);
	const values = new Float64Array(n);
	let o = 0;
	for (const s of parts) {
		values.set(s.samples, o);
		o += s.samples.length;
	}
	if (parts.every((s) => s.count === s.samples.length)) {
		values.sort();
		const at = (p: number) => values[Math.min(n - 1, Math.floor(p * n))] ?? 0;
		return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max };
	}
	const weights = new Float64Array(n);
	o = 0;
	for (const s of parts) {
		weights.fill(s.count / s.samples.length, o, o + s.samples.length);
		o += s.samples.length;
	}
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	order.sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
	const total = parts.reduce((a, s) => a + s.count, 0);
	const at = (p: number): number => {
		let cum = 0;
		for (const i of order) {
			cum += weights[i] ?? 0;
			if (cum > p * total) return values[i] ?? 0;
		}
		return values[order[n - 1] ?? 0] ?? 0;
	};
	return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max };
}
