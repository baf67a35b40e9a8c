import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupable, tally, tallySplit, type TallyPoll, type VoteRow } from './tally.ts';
import type { Answer, PollKind } from '../../shared/polls.ts';

const OPTIONS = ['o1', 'o2', 'o3', 'o4'].map((id) => ({ id, label: id.toUpperCase() }));
const poll = (kind: PollKind, extra: Partial<TallyPoll> = {}): TallyPoll => ({
	kind,
	options: OPTIONS,
	config: { scaleMin: 1, scaleMax: 5, maxChoices: 4, maxEntries: 3, moderated: false },
	showNames: false,
	...extra
});

const channel = fc.constantFrom<'room' | 'online'>('room', 'online');
const optionId = fc.constantFrom(...OPTIONS.map((o) => o.id));
const answerFor: Record<PollKind, fc.Arbitrary<Answer>> = {
	single: optionId.map((optionId) => ({ kind: 'single', optionId })),
	multiple: fc.uniqueArray(optionId, { minLength: 1, maxLength: 4 }).map((optionIds) => ({ kind: 'multiple', optionIds })),
	scale: fc.integer({ min: 1, max: 5 }).map((value) => ({ kind: 'scale', value })),
	wordcloud: fc
		.uniqueArray(fc.constantFrom('daten', 'mobilität', 'open data', 'bürger', 'wlan'), { minLength: 1, maxLength: 3 })
		.map((words) => ({ kind: 'wordcloud', words })),
	open: fc.string({ minLength: 1, maxLength: 40 }).map((text) => ({ kind: 'open', text })),
	ranking: fc
		.shuffledSubarray(
			OPTIONS.map((o) => o.id),
			{ minLength: 4, maxLength: 4 }
		)
		.map((optionIds) => ({ kind: 'ranking', optionIds }))
};
const votesOf = (kind: PollKind) =>
	fc
		.array(fc.record({ channel, answer: answerFor[kind], status: fc.constant('approved'), name: fc.constant(null) }), { maxLength: 60 })
		.map((vs) => vs.map((v, i): VoteRow => ({ ...v, id: `v${i}` })));

const KINDS: PollKind[] = ['single', 'multiple', 'scale', 'wordcloud', 'open', 'ranking'];

describe('tallying (property tests)', () => {
	for (const kind of KINDS) {
		it(`P2: ${kind} — voters equals the votes, order does not matter, and the split adds up`, () => {
			fc.assert(
				fc.property(votesOf(kind), (votes) => {
					const p = poll(kind);
					const t = tally(p, votes);
					expect(t.voters).toBe(votes.length);
					const reversed = tally(p, [...votes].reverse());
					// The open-text wall lists answers in arrival order; everything else is order-free.
					if (t.kind === 'open' && reversed.kind === 'open') expect(new Set(reversed.answers.map((a) => a.id))).toEqual(new Set(t.answers.map((a) => a.id)));
					else expect(reversed).toEqual(t);
					const s = tallySplit(p, votes);
					expect(s.room.voters + s.online.voters).toBe(s.all.voters);
				})
			);
		});
	}

	it('P2: single choice — each voter adds exactly one to one option; room + online = all per option', () => {
		fc.assert(
			fc.property(votesOf('single'), (votes) => {
				const s = tallySplit(poll('single'), votes);
				if (s.all.kind !== 'single' || s.room.kind !== 'single' || s.online.kind !== 'single') throw new Error('kind');
				expect(Object.values(s.all.counts).reduce((a, b) => a + b, 0)).toBe(votes.length);
				for (const o of OPTIONS) expect(s.room.counts[o.id]! + s.online.counts[o.id]!).toBe(s.all.counts[o.id]);
			})
		);
	});

	it('P2: multiple choice — the counts add up to the picks, and no option exceeds the voters', () => {
		fc.assert(
			fc.property(votesOf('multiple'), (votes) => {
				const t = tally(poll('multiple'), votes);
				if (t.kind !== 'multiple') throw new Error('kind');
				const picks = votes.reduce((n, v) => n + (v.answer.kind === 'multiple' ? v.answer.optionIds.length : 0), 0);
				expect(Object.values(t.counts).reduce((a, b) => a + b, 0)).toBe(picks);
				for (const c of Object.values(t.counts)) expect(c).toBeLessThanOrEqual(votes.length);
			})
		);
	});

	it('scale — the distribution sums to the voters and the average lies within the scale', () => {
		fc.assert(
			fc.property(votesOf('scale'), (votes) => {
				const t = tally(poll('scale'), votes);
				if (t.kind !== 'scale') throw new Error('kind');
				expect(Object.values(t.distribution).reduce((a, b) => a + b, 0)).toBe(votes.length);
				expect(Object.keys(t.distribution)).toEqual(['1', '2', '3', '4', '5']);
				if (votes.length === 0) expect(t.average).toBeNull();
				else {
					expect(t.average).toBeGreaterThanOrEqual(1);
					expect(t.average).toBeLessThanOrEqual(5);
				}
			})
		);
	});

	it('P6: word cloud — a word counts at most once per voter, most frequent first', () => {
		fc.assert(
			fc.property(votesOf('wordcloud'), (votes) => {
				const t = tally(poll('wordcloud'), votes);
				if (t.kind !== 'wordcloud') throw new Error('kind');
				for (const w of t.words) expect(w.count).toBeLessThanOrEqual(votes.length);
				for (let i = 1; i < t.words.length; i++) expect(t.words[i - 1]!.count).toBeGreaterThanOrEqual(t.words[i]!.count);
			})
		);
	});

	it('ranking — Borda points total voters × n(n−1)/2; average ranks lie in 1..n and sum to n(n+1)/2', () => {
		fc.assert(
			fc.property(votesOf('ranking'), (votes) => {
				const t = tally(poll('ranking'), votes);
				if (t.kind !== 'ranking') throw new Error('kind');
				const n = OPTIONS.length;
				expect(Object.values(t.borda).reduce((a, b) => a + b, 0)).toBe((votes.length * n * (n - 1)) / 2);
				if (votes.length > 0) {
					const ranks = Object.values(t.averageRank) as number[];
					for (const r of ranks) expect(r).toBeGreaterThanOrEqual(1);
					for (const r of ranks) expect(r).toBeLessThanOrEqual(n);
					expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo((n * (n + 1)) / 2, 1);
				}
			})
		);
	});

	it('open text — only approved answers reach the wall; pending ones are counted; names only when shown', () => {
		const votes: VoteRow[] = [
			{ id: 'a', channel: 'room', answer: { kind: 'open', text: 'Mehr WLAN' }, status: 'approved', name: 'Anna' },
			{ id: 'b', channel: 'online', answer: { kind: 'open', text: '<script>x</script>' }, status: 'pending', name: null },
			{ id: 'c', channel: 'room', answer: { kind: 'open', text: 'versteckt' }, status: 'hidden', name: 'Ben' }
		];
		const hidden = tally(poll('open'), votes);
		expect(hidden).toEqual({ kind: 'open', voters: 3, answers: [{ id: 'a', text: 'Mehr WLAN', name: null }], pending: 1 });
		const named = tally(poll('open', { showNames: true }), votes);
		expect(named.kind === 'open' && named.answers[0]!.name).toBe('Anna');
	});

	it('an empty poll has zero counts for every option, not missing keys', () => {
		const t = tally(poll('single'), []);
		expect(t).toEqual({ kind: 'single', voters: 0, counts: { o1: 0, o2: 0, o3: 0, o4: 0 } });
	});

	it('issue 7: votes read grouped with a count give the same tally as one row per vote', () => {
		for (const kind of KINDS.filter(groupable)) {
			fc.assert(
				fc.property(votesOf(kind), (votes) => {
					const groups = new Map<string, VoteRow>();
					for (const v of votes) {
						const key = `${v.channel}|${JSON.stringify(v.answer)}|${v.status}`;
						const g = groups.get(key);
						if (g) g.count! += 1;
						else groups.set(key, { ...v, id: '', count: 1 });
					}
					expect(tallySplit(poll(kind), [...groups.values()])).toEqual(tallySplit(poll(kind), votes));
				})
			);
		}
		expect(groupable('open')).toBe(false);
	});
});
