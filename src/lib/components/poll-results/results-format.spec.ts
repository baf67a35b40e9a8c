import { describe, expect, it } from 'vitest';
import { cloudLayout, percentOf, rankingOrder, shownOptions, stageLayout } from './results-format.ts';

const options = ['A', 'B', 'C', 'D'].map((label, i) => ({ id: `o${i + 1}`, label }));

describe('results drawing helpers', () => {
	it('percentages are of voters (0 without voters)', () => {
		expect(percentOf(1, 3)).toBe(33);
		expect(percentOf(0, 0)).toBe(0);
		expect(percentOf(3, 3)).toBe(100);
	});

	it('the word cloud is deterministic, most frequent in the middle, sized by count', () => {
		const words = [
			{ word: 'a', count: 9 },
			{ word: 'b', count: 4 },
			{ word: 'c', count: 4 },
			{ word: 'd', count: 1 }
		];
		const laid = cloudLayout(words, 10);
		expect(laid.map((w) => w.word)).toEqual(['d', 'b', 'a', 'c']);
		expect(cloudLayout(words, 10)).toEqual(laid);
		expect(laid.find((w) => w.word === 'a')!.weight).toBe(1);
		expect(laid.find((w) => w.word === 'd')!.weight).toBe(0);
		expect(cloudLayout(words, 2).map((w) => w.word)).toEqual(['b', 'a']);
		expect(cloudLayout([{ word: 'x', count: 2 }], 5)[0]!.weight).toBe(1);
	});

	it("ranking: by Borda points, ties by average rank, then the moderator's order", () => {
		const tally = {
			kind: 'ranking' as const,
			voters: 2,
			borda: { o1: 3, o2: 5, o3: 3, o4: 1 },
			averageRank: { o1: 2.5, o2: 1.5, o3: 2, o4: 4 }
		};
		expect(rankingOrder(options, tally).map((o) => o.id)).toEqual(['o2', 'o3', 'o1', 'o4']);
		const none = { kind: 'ranking' as const, voters: 0, borda: {}, averageRank: {} };
		expect(rankingOrder(options, none).map((o) => o.id)).toEqual(['o1', 'o2', 'o3', 'o4']);
	});

	it('the stage uses two columns from 11 options, one-line labels beyond 8', () => {
		expect(stageLayout(4, false)).toMatchObject({ cols: 1, rows: 4, many: false });
		expect(stageLayout(9, false)).toMatchObject({ cols: 1, rows: 9, many: true });
		expect(stageLayout(20, false)).toMatchObject({ cols: 2, rows: 10, many: true });
		expect(stageLayout(20, true)).toMatchObject({ cols: 1, rows: 20 });
		expect(stageLayout(20, false, true).height).toBe('50vh');
	});

	it('the overlay shows the most chosen options when more exist than fit; other views all, in order', () => {
		const many = Array.from({ length: 10 }, (_, i) => ({ id: `o${i + 1}`, label: `${i}` }));
		const counts = { o3: 5, o7: 9, o1: 5 };
		expect(shownOptions(many, counts, 'stage', false)).toHaveLength(10);
		expect(shownOptions(many, counts, 'overlay', true).map((o) => o.id)).toEqual(['o7', 'o1', 'o3', 'o2']);
		expect(shownOptions(options, {}, 'overlay', false)).toEqual(options);
	});
});
