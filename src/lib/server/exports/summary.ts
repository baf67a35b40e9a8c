import type { Tally } from '../../shared/polls.ts';
import type { PollExport } from './collect.ts';

/**
 * The summary export (one row per option, scale value, word or answer status, with the counts of
 * everyone, in the room and online: P9). Choice, scale and ranking figures come from the poll's
 * results, so they match what the stage showed; word counts and open-text statuses are counted
 * from the answers, because the results keep only the top words and the newest approved texts.
 */
export type Measure =
	/** Participants who answered the poll. */
	| 'voters'
	/** Participants who chose this option or scale value. */
	| 'votes'
	/** Participants who sent this word. */
	| 'mentions'
	/** Scale: the mean rating. */
	| 'average'
	/** Ranking: the mean place (1 = first), and the Borda score (n−place points per vote). */
	| 'average_rank'
	| 'borda'
	/** Open text: answers with this moderation status. */
	| 'answers';

export interface SummaryRow {
	item: string;
	measure: Measure;
	all: number | null;
	room: number | null;
	online: number | null;
}

type Group = 'all' | 'room' | 'online';

function row(item: string, measure: Measure, value: (t: Tally) => number | null, results: PollExport['results']): SummaryRow {
	return { item, measure, all: value(results.all), room: value(results.room), online: value(results.online) };
}

/** Counts per key and channel, from the answers (room + online = all). */
function countAnswers(exp: PollExport, keys: (a: PollExport['answers'][number]) => readonly string[]): Map<string, Record<Group, number>> {
	const counts = new Map<string, Record<Group, number>>();
	for (const a of exp.answers)
		for (const key of new Set(keys(a))) {
			const c = counts.get(key) ?? { all: 0, room: 0, online: 0 };
			c.all++;
			c[a.channel]++;
			counts.set(key, c);
		}
	return counts;
}

export function summaryRows(exp: PollExport): SummaryRow[] {
	const { poll, results } = exp;
	const rows: SummaryRow[] = [row('', 'voters', (t) => t.voters, results)];
	switch (poll.kind) {
		case 'single':
		case 'multiple':
			for (const o of poll.options) rows.push(row(o.label, 'votes', (t) => ('counts' in t ? (t.counts[o.id] ?? 0) : null), results));
			break;
		case 'scale': {
			const min = poll.config.scaleMin ?? 1;
			const max = poll.config.scaleMax ?? 5;
			for (let v = min; v <= max; v++) rows.push(row(String(v), 'votes', (t) => ('distribution' in t ? (t.distribution[String(v)] ?? 0) : null), results));
			rows.push(row('', 'average', (t) => ('average' in t ? t.average : null), results));
			break;
		}
		case 'ranking':
			for (const o of poll.options) {
				rows.push(row(o.label, 'average_rank', (t) => ('averageRank' in t ? (t.averageRank[o.id] ?? null) : null), results));
				rows.push(row(o.label, 'borda', (t) => ('borda' in t ? (t.borda[o.id] ?? 0) : null), results));
			}
			break;
		case 'wordcloud': {
			const counts = countAnswers(exp, (a) => ('words' in a.answer ? a.answer.words : []));
			const words = [...counts].sort(([a, ca], [b, cb]) => cb.all - ca.all || (a < b ? -1 : a > b ? 1 : 0));
			for (const [word, c] of words) rows.push({ item: word, measure: 'mentions', ...c });
			break;
		}
		case 'open': {
			const counts = countAnswers(exp, (a) => (a.status ? [a.status] : []));
			for (const status of ['approved', 'pending', 'hidden'])
				rows.push({ item: status, measure: 'answers', ...(counts.get(status) ?? { all: 0, room: 0, online: 0 }) });
			break;
		}
	}
	return rows;
}
