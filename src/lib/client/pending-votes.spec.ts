import { beforeEach, describe, expect, it } from 'vitest';
import { newVoteKey, PENDING_MAX_AGE_MS, PENDING_VOTES_KEY, putPending, readPending, removePending, type PendingVote } from './pending-votes.ts';

/** A Map-backed Storage, as the browser's localStorage behaves. */
function memoryStorage(): Storage {
	const m = new Map<string, string>();
	return {
		get length() {
			return m.size;
		},
		clear: () => m.clear(),
		getItem: (k) => m.get(k) ?? null,
		key: (i) => [...m.keys()][i] ?? null,
		removeItem: (k) => void m.delete(k),
		setItem: (k, v) => void m.set(k, String(v))
	};
}

const vote = (over: Partial<PendingVote> = {}): PendingVote => ({
	eventId: 'e1',
	sessionId: 's1',
	pollId: 'p1',
	answer: { kind: 'single', optionId: 'o1' },
	key: 'key-0000-1',
	createdAt: Date.now(),
	...over
});

describe('pending votes (P3: kept until acknowledged)', () => {
	beforeEach(() => {
		Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage(), configurable: true });
	});

	it('P3: a vote is stored under the one documented key and read back after a "reload"', () => {
		putPending(vote());
		expect(Object.keys(JSON.parse(localStorage.getItem(PENDING_VOTES_KEY)!)[0])).toContain('key');
		expect(readPending()).toEqual([vote({ createdAt: readPending()[0]!.createdAt })]);
	});

	it('P3: a newer vote for the same poll replaces the older one; other polls stay', () => {
		putPending(vote());
		putPending(vote({ pollId: 'p2', key: 'key-0000-2' }));
		putPending(vote({ answer: { kind: 'single', optionId: 'o2' }, key: 'key-0000-3' }));
		expect(
			readPending()
				.map((v) => v.key)
				.sort()
		).toEqual(['key-0000-2', 'key-0000-3']);
	});

	it('P3: removal needs the same key, so the answer to an older attempt keeps a newer vote', () => {
		putPending(vote({ key: 'key-new-0001' }));
		expect(removePending('p1', 'key-old-0001')).toBe(false);
		expect(readPending()).toHaveLength(1);
		expect(removePending('p1', 'key-new-0001')).toBe(true);
		expect(removePending('p1', 'key-new-0001')).toBe(false);
		expect(localStorage.getItem(PENDING_VOTES_KEY)).toBeNull();
	});

	it('P3: votes older than a day and unreadable storage are ignored', () => {
		putPending(vote({ createdAt: Date.now() - PENDING_MAX_AGE_MS - 1 }));
		expect(readPending()).toEqual([]);
		localStorage.setItem(PENDING_VOTES_KEY, '{not json');
		expect(readPending()).toEqual([]);
		localStorage.setItem(PENDING_VOTES_KEY, JSON.stringify([{ pollId: 1 }, vote()]));
		expect(readPending()).toHaveLength(1);
	});

	it('P3: idempotency keys are unique and within the server limit of 8–64 characters', () => {
		const keys = new Set(Array.from({ length: 200 }, () => newVoteKey()));
		expect(keys.size).toBe(200);
		for (const k of keys) expect(k.length).toBeGreaterThanOrEqual(8);
		for (const k of keys) expect(k.length).toBeLessThanOrEqual(64);
	});
});
