import type { Answer, PollConfig, PollKind, PollOption, Tally } from '../../shared/polls.ts';

/** One stored vote as the tally sees it. */
export interface VoteRow {
	id: string;
	channel: 'room' | 'online';
	answer: Answer;
	/** Open text: 'pending' | 'approved' | 'hidden'; other kinds: 'approved'. */
	status: string;
	name: string | null;
	/** How many identical votes this row stands for (a grouped read, see `groupable`); 1 when left out. */
	count?: number;
}

/**
 * May the votes of this kind be read grouped by (channel, answer, status) with a count? Every
 * kind but open text, whose wall shows single answers: a results tick at 5,000 votes then reads a
 * handful of rows instead of 5,000 (issue 7).
 */
export const groupable = (kind: PollKind): boolean => kind !== 'open';

const weight = (v: VoteRow) => v.count ?? 1;

export interface TallyPoll {
	kind: PollKind;
	options: PollOption[];
	config: PollConfig;
	showNames: boolean;
}

/** The word cloud shows the most frequent words; more would not fit a projector anyway. */
export const WORDCLOUD_TOP = 60;
/** The open-text wall shows the newest approved answers. */
export const OPEN_WALL_MAX = 100;

/**
 * Counts votes (P2: one row per participant, so nobody counts twice). Pure: the same votes give
 * the same tally, whatever their order — the close test relies on it.
 */
export function tally(poll: TallyPoll, votes: readonly VoteRow[]): Tally {
	const voters = votes.reduce((n, v) => n + weight(v), 0);
	switch (poll.kind) {
		case 'single':
		case 'multiple': {
			const counts = Object.fromEntries(poll.options.map((o) => [o.id, 0]));
			for (const v of votes) {
				const ids = v.answer.kind === 'single' ? [v.answer.optionId] : v.answer.kind === 'multiple' ? v.answer.optionIds : [];
				for (const id of ids) if (id in counts) counts[id]! += weight(v);
			}
			return { kind: poll.kind, voters, counts };
		}
		case 'scale': {
			const min = poll.config.scaleMin ?? 1;
			const max = poll.config.scaleMax ?? 5;
			const distribution: Record<string, number> = {};
			for (let i = min; i <= max; i++) distribution[String(i)] = 0;
			let sum = 0;
			for (const v of votes)
				if (v.answer.kind === 'scale') {
					distribution[String(v.answer.value)] = (distribution[String(v.answer.value)] ?? 0) + weight(v);
					sum += v.answer.value * weight(v);
				}
			return { kind: 'scale', voters, distribution, average: voters ? Math.round((sum / voters) * 100) / 100 : null };
		}
		case 'wordcloud': {
			const counts = new Map<string, number>();
			for (const v of votes) if (v.answer.kind === 'wordcloud') for (const w of new Set(v.answer.words)) counts.set(w, (counts.get(w) ?? 0) + weight(v));
			const words = [...counts].map(([word, count]) => ({ word, count }));
			words.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1));
			return { kind: 'wordcloud', voters, words: words.slice(0, WORDCLOUD_TOP) };
		}
		case 'open': {
			const shown = votes.filter((v) => v.status === 'approved' && v.answer.kind === 'open');
			const answers = shown
				.slice(-OPEN_WALL_MAX)
				.map((v) => ({ id: v.id, text: v.answer.kind === 'open' ? v.answer.text : '', name: poll.showNames ? v.name : null }));
			return { kind: 'open', voters, answers, pending: votes.filter((v) => v.status === 'pending').reduce((n, v) => n + weight(v), 0) };
		}
		case 'ranking': {
			const n = poll.options.length;
			const rankSum = Object.fromEntries(poll.options.map((o) => [o.id, 0]));
			const borda = Object.fromEntries(poll.options.map((o) => [o.id, 0]));
			for (const v of votes)
				if (v.answer.kind === 'ranking')
					v.answer.optionIds.forEach((id, i) => {
						if (!(id in rankSum)) return;
						rankSum[id]! += (i + 1) * weight(v);
						borda[id]! += (n - (i + 1)) * weight(v);
					});
			const averageRank = Object.fromEntries(poll.options.map((o) => [o.id, voters ? Math.round((rankSum[o.id]! / voters) * 100) / 100 : null]));
			return { kind: 'ranking', voters, averageRank, borda };
		}
	}
}

/** Everyone, in the room, online: the split the stage shows side by side (P9). */
export function tallySplit(poll: TallyPoll, votes: readonly VoteRow[]): { all: Tally; room: Tally; online: Tally } {
	return {
		all: tally(poll, votes),
		room: tally(
			poll,
			votes.filter((v) => v.channel === 'room')
		),
		online: tally(
			poll,
			votes.filter((v) => v.channel === 'online')
		)
	};
}
