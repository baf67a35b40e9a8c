import { numberFormat } from '#lib/shared/intl.ts';
/** Numbers in the moderator's language: "3,5" in German, "3.5" in English. */
export function formatNumber(n: number, locale: string, maxDigits = 2): string {
	return numberFormat(locale, { maximumFractionDigits: maxDigits }).format(n);
}

/** A share as a whole percentage; 0 % when nobody is counted yet (never "NaN %"). */
export function formatPercent(part: number, whole: number, locale: string): string {
	return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(whole > 0 ? part / whole : 0);
}

/** Width of a result bar in percent of the largest value, so the leader fills the row. */
export function barWidth(value: number, max: number): number {
	return max > 0 ? Math.round((value / max) * 100) : 0;
}

/** A short excerpt of user text for a button's accessible name ("Approve: Great talk, but…"). */
export function excerpt(text: string, max = 40): string {
	const t = text.replace(/\s+/g, ' ').trim();
	return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
