import { describe, expect, it } from 'vitest';
import { acceptChanges, acceptSnapshot } from './snapshot-order.ts';

describe('results snapshots on the client (P8)', () => {
	it('P8: the newest sequence number wins; an older or equal tick is ignored', () => {
		expect(acceptSnapshot(4, 5, false)).toBe('apply');
		expect(acceptSnapshot(4, 4, false)).toBe('ignore');
		expect(acceptSnapshot(4, 3, false)).toBe('ignore');
	});

	it('P8: a jump in the numbers is applied as it is (a full snapshot; numbers are a clock shared by processes)', () => {
		expect(acceptSnapshot(4, 7, false)).toBe('apply');
		expect(acceptSnapshot(1_790_000_000_000, 1_790_000_000_250, false)).toBe('apply');
	});

	it('P8: a fetched snapshot wins a tie with the last tick (fresher data, same number)', () => {
		expect(acceptSnapshot(4, 4, true)).toBe('apply');
		expect(acceptSnapshot(4, 3, true)).toBe('ignore');
		expect(acceptSnapshot(4, 9, true)).toBe('apply');
	});

	it('P8: after a reconnect (floor -1) any snapshot applies, also a restarted server counting from 0', () => {
		expect(acceptSnapshot(-1, 0, true)).toBe('apply');
		expect(acceptSnapshot(-1, 1, false)).toBe('apply');
		expect(acceptSnapshot(-1, 12, false)).toBe('apply');
	});

	it('Q8: changes apply only on top of exactly the list shown; an old tick is ignored; a gap fetches', () => {
		expect(acceptChanges(100, 100, 350)).toBe('apply');
		expect(acceptChanges(350, 100, 350)).toBe('ignore');
		expect(acceptChanges(600, 350, 600)).toBe('ignore');
		expect(acceptChanges(100, 350, 600)).toBe('fetch');
		// A list fetched from another process (its own numbers) never takes this process's changes blindly.
		expect(acceptChanges(420, 350, 600)).toBe('fetch');
		expect(acceptChanges(-1, 350, 600)).toBe('fetch');
	});
});
