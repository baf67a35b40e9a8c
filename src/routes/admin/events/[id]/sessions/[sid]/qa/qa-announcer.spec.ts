import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_INTERVAL_MS, WaitingAnnouncer } from './qa-announcer.ts';

describe('announcing new waiting questions', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('the first list is not news; new ones are announced at once, then at most every interval', () => {
		const said: number[] = [];
		const a = new WaitingAnnouncer((count) => said.push(count));
		a.observe(['a', 'b']);
		expect(said).toEqual([]);
		a.observe(['a', 'b', 'c']);
		expect(said).toEqual([1]);
		a.observe(['a', 'b', 'c', 'd']);
		a.observe(['a', 'b', 'c', 'd', 'e', 'f']);
		expect(said).toEqual([1]);
		vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS);
		expect(said).toEqual([1, 3]);
		a.dispose();
	});

	it('questions that leave the list are not counted; one that comes back is new again', () => {
		const said: number[] = [];
		const a = new WaitingAnnouncer((count) => said.push(count));
		a.observe(['a']);
		a.observe([]);
		a.observe(['a']);
		expect(said).toEqual([1]);
		a.dispose();
	});
});
