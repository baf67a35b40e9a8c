import { QA_LIMITS } from '../../shared/qa.ts';

/**
 * The word list (Q6): a question that contains one of these words goes to the moderation queue
 * instead of being shown, also in post-moderation. It is a net for the obvious, not a judge: the
 * moderator decides. An entry ending in `*` matches every word that starts with it
 * ("idiot*" matches "Idioten"); an entry of several words matches them in a row. Matching ignores
 * case, accents written as separate marks, zero-width characters and punctuation between words.
 * Each event may replace the list; these are the shipped defaults, German then English.
 */
export const DEFAULT_WORDS: readonly string[] = [
	'arschloch*',
	'drecksau*',
	'fick*',
	'fotze*',
	'hurensohn*',
	'idiot*',
	'kanake*',
	'missgeburt*',
	'neger*',
	'scheiß*',
	'scheiss*',
	'schlampe*',
	'spast*',
	'vollidiot*',
	'wichser*',
	'asshole*',
	'bastard*',
	'bitch*',
	'bullshit*',
	'cunt*',
	'dickhead*',
	'faggot*',
	'fuck*',
	'moron*',
	'motherfucker*',
	'nigger*',
	'retard*',
	'shit*',
	'slut*',
	'whore*'
];

/** Lower case, compatibility forms folded, marks and zero-width characters dropped, words split. */
function words(s: string): string[] {
	return s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f\u200b-\u200f\u2060\ufeff]/g, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

/** Cleans an organiser's list: one entry per line or comma, trimmed, lower case, no duplicates. */
export function parseWordList(raw: string): string[] {
	const out = new Set<string>();
	for (const line of raw.split(/[\n,]/)) {
		const star = line.trim().endsWith('*');
		const w = words(line).join(' ');
		if (w && w.length <= QA_LIMITS.wordLength) out.add(star ? `${w}*` : w);
		if (out.size >= QA_LIMITS.wordListEntries) break;
	}
	return [...out];
}

/** The entry of `list` that `text` matches, or null. */
export function matchWordList(text: string, list: readonly string[]): string | null {
	const joined = ` ${words(text).join(' ')} `;
	for (const entry of list) {
		const prefix = entry.endsWith('*');
		const w = words(entry).join(' ');
		if (!w) continue;
		if (prefix ? joined.includes(` ${w}`) : joined.includes(` ${w} `)) return entry;
	}
	return null;
}
