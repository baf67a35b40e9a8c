import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NEWS_DELAY_MS, NEWS_INTERVAL_MS, ThrottledNews, type Change } from './board-news.ts';

describe('live board changes are announced throttled (A2)', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	function setup() {
		const said: Change<boolean>[][] = [];
		const news = new ThrottledNews<boolean>(
			(c) => said.push(c),
			() => Date.now()
		);
		const see = (v: Record<string, boolean>) => news.see(Object.entries(v));
		return { said, news, see };
	}

	it('the first values are no news; a change is told after a short pause', () => {
		const { said, see } = setup();
		see({ a: false, b: false });
		vi.advanceTimersByTime(NEWS_INTERVAL_MS);
		expect(said).toEqual([]);
		see({ a: true, b: false });
		vi.advanceTimersByTime(NEWS_DELAY_MS - 1);
		expect(said).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(said).toEqual([[{ key: 'a', before: false, after: true }]]);
	});

	it('a burst of changes is one announcement, and the next comes an interval later at the earliest', () => {
		const { said, see } = setup();
		see({ a: false, b: false });
		see({ a: true, b: false });
		see({ a: true, b: true });
		vi.advanceTimersByTime(NEWS_DELAY_MS);
		expect(said).toHaveLength(1);
		expect(said[0]!.map((c) => c.key)).toEqual(['a', 'b']);
		see({ a: false, b: true });
		vi.advanceTimersByTime(NEWS_INTERVAL_MS - NEWS_DELAY_MS - 1);
		expect(said).toHaveLength(1);
		vi.advanceTimersByTime(NEWS_DELAY_MS + 1);
		expect(said).toHaveLength(2);
		expect(said[1]).toEqual([{ key: 'a', before: true, after: false }]);
	});

	it('a value that flips back before it is told is no news', () => {
		const { said, see } = setup();
		see({ a: false });
		see({ a: true });
		see({ a: false });
		vi.advanceTimersByTime(NEWS_INTERVAL_MS);
		expect(said).toEqual([]);
	});

	it('settle() takes the current values as told; new keys join silently', () => {
		const { said, see, news } = setup();
		see({ a: false });
		see({ a: true, c: true });
		news.settle();
		vi.advanceTimersByTime(NEWS_INTERVAL_MS);
		expect(said).toEqual([]);
		see({ a: true, c: false });
		vi.advanceTimersByTime(NEWS_DELAY_MS);
		expect(said).toEqual([[{ key: 'c', before: true, after: false }]]);
	});

	it('stop() cancels what is scheduled', () => {
		const { said, see, news } = setup();
		see({ a: false });
		see({ a: true });
		news.stop();
		vi.advanceTimersByTime(NEWS_INTERVAL_MS);
		expect(said).toEqual([]);
	});
});
