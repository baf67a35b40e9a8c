import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NewQuestions, SUMMARY_DELAY_MS, SUMMARY_INTERVAL_MS } from './new-questions.ts';

describe('new questions are announced as a throttled summary', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	function setup(own: Set<string> = new Set()) {
		const said: number[] = [];
		const n = new NewQuestions(
			(c) => said.push(c),
			() => own,
			() => Date.now()
		);
		return { said, n };
	}

	it('the first list is not news; later ones are summed up at most every interval', () => {
		const { said, n } = setup();
		n.see(['a', 'b']);
		vi.advanceTimersByTime(SUMMARY_INTERVAL_MS);
		expect(said).toEqual([]);

		n.see(['a', 'b', 'c']);
		vi.advanceTimersByTime(SUMMARY_DELAY_MS);
		expect(said).toEqual([1]);

		n.see(['a', 'b', 'c', 'd']);
		n.see(['a', 'b', 'c', 'd', 'e']);
		vi.advanceTimersByTime(SUMMARY_INTERVAL_MS - 1);
		expect(said).toEqual([1]);
		vi.advanceTimersByTime(1);
		expect(said).toEqual([1, 2]);
	});

	it('own questions (also when known only after they appeared) and questions seen before do not count', () => {
		const own = new Set<string>();
		const { said, n } = setup(own);
		n.see(['a']);
		n.see(['b', 'mine']);
		own.add('mine');
		n.see(['a', 'b', 'mine']);
		vi.advanceTimersByTime(SUMMARY_INTERVAL_MS);
		expect(said).toEqual([1]);
	});

	it('stop() cancels a pending summary', () => {
		const { said, n } = setup();
		n.see([]);
		n.see(['x']);
		n.stop();
		vi.advanceTimersByTime(SUMMARY_INTERVAL_MS * 2);
		expect(said).toEqual([]);
	});
});
