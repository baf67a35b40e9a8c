import { createHash, randomBytes } from 'node:crypto';
import type { DrawSummary } from '../../shared/boards.ts';

/**
 * The lottery draw (B7), pure and reproducible: the same entries, capacities and seed give the
 * same seats, so anyone holding the revealed seed and the entries can check the result.
 *
 * 1. The entrants are put in a canonical order (by participant id) and shuffled once with a
 *    random stream derived from the seed (SHA-256 in counter mode, unbiased by rejection).
 * 2. Round r = 1, 2, 3: in that order, every entrant without a seat gets their r-th choice if it
 *    has a seat left. So first choices are served before any second choice, and within a round
 *    the shuffled order decides — every entrant of a round has the same chance.
 * Nobody gets a workshop they did not rank; no workshop gets more than its capacity.
 */
export const DRAW_ALGORITHM = 'plenum-draw-v1: sha256-ctr fisher-yates, rank rounds';

export function newSeed(): string {
	return randomBytes(32).toString('hex');
}
export function seedHash(seed: string): string {
	return createHash('sha256').update(seed).digest('hex');
}

/** Uniform integers from the seed: SHA-256(seed:counter) gives 8 × 32 bits per block. */
export function seededRandom(seed: string): (n: number) => number {
	let counter = 0;
	let block: Buffer = Buffer.alloc(0);
	let offset = 32;
	const next32 = (): number => {
		if (offset >= 32) {
			block = createHash('sha256').update(`${seed}:${counter++}`).digest();
			offset = 0;
		}
		const v = block.readUInt32BE(offset);
		offset += 4;
		return v;
	};
	return (n: number) => {
		// Rejection sampling: drop the top values that would make small results more likely.
		const limit = Math.floor(0x1_0000_0000 / n) * n;
		for (;;) {
			const v = next32();
			if (v < limit) return v % n;
		}
	};
}

export interface LotteryEntry {
	participantId: string;
	choices: readonly string[];
}
export interface DrawResult {
	/** participantId → the workshop drawn and the rank of that choice (1-based). */
	seats: Map<string, { sessionId: string; rank: number }>;
	summary: DrawSummary;
}

export function drawLottery(entries: readonly LotteryEntry[], capacities: ReadonlyMap<string, number>, seed: string): DrawResult {
	const order = [...entries].sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
	const random = seededRandom(seed);
	for (let i = order.length - 1; i > 0; i--) {
		const j = random(i + 1);
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	const left = new Map(capacities);
	const seats = new Map<string, { sessionId: string; rank: number }>();
	const byRank: [number, number, number] = [0, 0, 0];
	for (let r = 0; r < 3; r++) {
		for (const e of order) {
			if (seats.has(e.participantId)) continue;
			const choice = e.choices[r];
			if (choice === undefined) continue;
			const free = left.get(choice) ?? 0;
			if (free <= 0) continue;
			left.set(choice, free - 1);
			seats.set(e.participantId, { sessionId: choice, rank: r + 1 });
			byRank[r]!++;
		}
	}
	return { seats, summary: { byRank, none: order.length - seats.size, entrants: order.length } };
}
