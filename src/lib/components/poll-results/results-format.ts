import type { PollOption, PublicPoll, Tally } from '#lib/shared/polls.ts';
import { numberFormat } from '#lib/shared/intl.ts';

/** Where results are drawn: the projector, the livestream overlay, or a phone. */
export type ResultsVariant = 'stage' | 'overlay' | 'phone';
export type ResultsLocale = 'de' | 'en' | undefined;
/** What the charts need to know about a poll. */
export type ResultsPoll = Pick<PublicPoll, 'kind' | 'options' | 'config'>;

/** Share of voters in whole percent (0 without voters). Multiple choice: shares add up to more than 100. */
export function percentOf(count: number, voters: number): number {
	return voters > 0 ? Math.round((count / voters) * 100) : 0;
}

/** "40 %" in German, "40%" in English. */
export function formatPercent(pct: number, locale: ResultsLocale): string {
	return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(pct / 100);
}

/** "3,8" in German, "3.8" in English. */
export function formatDecimal(n: number, locale: ResultsLocale, digits = 1): string {
	return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** How many entries each variant shows: a projector and an overlay cannot scroll. */
export const SHOWN = {
	words: { stage: 60, overlay: 20, phone: 60 },
	answers: { stage: 6, split: 4, overlay: 3, phone: 100 },
	ranking: { stage: 20, overlay: 5, phone: 20 },
	/** A lower third holds two rows of options: with more, the overlay shows the most chosen. */
	overlayOptions: { full: 8, split: 4 }
} as const;

/**
 * The options a chart shows, in the moderator's order — except on the overlay when there are
 * more than fit: then the most chosen ones, most votes first (ties keep the moderator's order).
 */
export function shownOptions<O extends { id: string }>(options: readonly O[], counts: Record<string, number>, variant: ResultsVariant, split: boolean): O[] {
	const limit = split ? SHOWN.overlayOptions.split : SHOWN.overlayOptions.full;
	if (variant !== 'overlay' || options.length <= limit) return [...options];
	return options
		.map((o, i) => ({ o, i, c: counts[o.id] ?? 0 }))
		.sort((a, b) => b.c - a.c || a.i - b.i)
		.slice(0, limit)
		.map((x) => x.o);
}

export interface CloudWord {
	word: string;
	count: number;
	/** 0 (rarest shown) … 1 (most frequent): drives the font size. */
	weight: number;
	/** One of a few colours, by frequency rank, so the same result always looks the same. */
	tone: number;
}

/**
 * A deterministic word-cloud layout: most frequent words in the middle, rarer ones outwards,
 * alternating sides; sizes by the square root of the count (area grows with the count, not the
 * height). The input comes sorted by count, then alphabetically (tally.ts), so the same counts
 * always give the same picture.
 */
export function cloudLayout(words: readonly { word: string; count: number }[], limit: number, tones = 5): CloudWord[] {
	const top = words.slice(0, limit);
	const max = top[0]?.count ?? 0;
	const min = top[top.length - 1]?.count ?? 0;
	const span = Math.sqrt(max) - Math.sqrt(min);
	const out: CloudWord[] = [];
	top.forEach((w, i) => {
		const cw = { ...w, weight: span > 0 ? (Math.sqrt(w.count) - Math.sqrt(min)) / span : 1, tone: i % tones };
		if (i % 2 === 0) out.push(cw);
		else out.unshift(cw);
	});
	return out;
}

/** Beyond this many options a label gets one line on a projector, not two. */
const MANY_OPTIONS = 8;
/** From this many options on, the stage (or each half of a split) lays them out in two columns. */
const TWO_COLUMNS_FROM = 11;

/**
 * How a list of options is laid out on the stage so that all of them fit a 16:9 projector: the
 * columns, the rows they make, and the height and width the type may use (half of it in a
 * split). The components derive the font size from these (CSS `min()`), never below what fits.
 */
export function stageLayout(n: number, oneColumn: boolean, split = false) {
	const cols = !oneColumn && n >= TWO_COLUMNS_FROM ? 2 : 1;
	return {
		cols,
		rows: Math.max(1, Math.ceil(n / cols)),
		many: n > MANY_OPTIONS,
		height: split ? '50vh' : '62vh',
		width: `${(split ? 2 : 2.6) / cols}vw`
	};
}

export interface RankedOption extends PollOption {
	points: number;
	averageRank: number | null;
}

/** Options ordered by Borda points, ties by average rank, then by the moderator's order. */
export function rankingOrder(options: readonly PollOption[], tally: Extract<Tally, { kind: 'ranking' }>): RankedOption[] {
	return options
		.map((o, i) => ({ ...o, i, points: tally.borda[o.id] ?? 0, averageRank: tally.averageRank[o.id] ?? null }))
		.sort((a, b) => b.points - a.points || (a.averageRank ?? Infinity) - (b.averageRank ?? Infinity) || a.i - b.i)
		.map(({ i: _i, ...o }) => o);
}
