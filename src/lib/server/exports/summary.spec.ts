import { describe, expect, it } from 'vitest';
import { summaryRows } from './summary.ts';
import { exportAnswer } from './answers.ts';
import { tallySplit, type VoteRow } from '../polls/tally.ts';
import type { PollExport } from './collect.ts';
import type { PollRecord } from '../polls/service.ts';
import type { Answer, PollConfig, PollKind } from '../../shared/polls.ts';

const OPTIONS = [
	{ id: 'o1', label: 'Rot' },
	{ id: 'o2', label: 'Grün' }
];

function pollOf(kind: PollKind, config: PollConfig = {}): PollRecord {
	return {
		id: 'p1',
		sessionId: 's1',
		eventId: 'e1',
		position: 1,
		kind,
		question: 'Q?',
		options: kind === 'single' || kind === 'multiple' || kind === 'ranking' ? OPTIONS : [],
		config,
		state: 'open',
		allowChange: true,
		resultsVisibility: 'live',
		resultsOverride: null,
		showNames: false,
		openedAt: 0,
		closedAt: null
	};
}

function exportOf(poll: PollRecord, votes: [VoteRow['channel'], Answer, string?][]): PollExport {
	const rows = votes.map(([channel, answer, status], i) => ({ id: `v${i}`, channel, answer, status: status ?? 'approved', name: null, createdAt: i }));
	return { poll, session: { id: 's1', title: 'S' }, results: tallySplit(poll, rows), answers: rows.map((r) => exportAnswer(poll, r)) };
}

describe('summary export (P9, P10)', () => {
	it('P9: choice polls give one row per option with all, room and online counts', () => {
		const exp = exportOf(pollOf('single'), [
			['room', { kind: 'single', optionId: 'o1' }],
			['online', { kind: 'single', optionId: 'o1' }],
			['room', { kind: 'single', optionId: 'o2' }]
		]);
		expect(summaryRows(exp)).toEqual([
			{ item: '', measure: 'voters', all: 3, room: 2, online: 1 },
			{ item: 'Rot', measure: 'votes', all: 2, room: 1, online: 1 },
			{ item: 'Grün', measure: 'votes', all: 1, room: 1, online: 0 }
		]);
	});

	it('P9: a scale gives one row per value and the averages', () => {
		const exp = exportOf(pollOf('scale', { scaleMin: 1, scaleMax: 3 }), [
			['room', { kind: 'scale', value: 1 }],
			['online', { kind: 'scale', value: 3 }]
		]);
		expect(summaryRows(exp)).toEqual([
			{ item: '', measure: 'voters', all: 2, room: 1, online: 1 },
			{ item: '1', measure: 'votes', all: 1, room: 1, online: 0 },
			{ item: '2', measure: 'votes', all: 0, room: 0, online: 0 },
			{ item: '3', measure: 'votes', all: 1, room: 0, online: 1 },
			{ item: '', measure: 'average', all: 2, room: 1, online: 3 }
		]);
	});

	it('P9: a ranking gives the average place and the Borda score per option; empty groups have no average', () => {
		const exp = exportOf(pollOf('ranking'), [['room', { kind: 'ranking', optionIds: ['o2', 'o1'] }]]);
		expect(summaryRows(exp).slice(1)).toEqual([
			{ item: 'Rot', measure: 'average_rank', all: 2, room: 2, online: null },
			{ item: 'Rot', measure: 'borda', all: 0, room: 0, online: 0 },
			{ item: 'Grün', measure: 'average_rank', all: 1, room: 1, online: null },
			{ item: 'Grün', measure: 'borda', all: 1, room: 1, online: 0 }
		]);
	});

	it('P6: every word is counted, not only the top of the cloud, most frequent first', () => {
		const votes: [VoteRow['channel'], Answer][] = [];
		for (let i = 0; i < 70; i++) votes.push(['online', { kind: 'wordcloud', words: [`w${String(i).padStart(2, '0')}`] }]);
		votes.push(['room', { kind: 'wordcloud', words: ['wlan', 'w05'] }]);
		const rows = summaryRows(exportOf(pollOf('wordcloud', { maxEntries: 3 }), votes)).slice(1);
		expect(rows).toHaveLength(71);
		expect(rows[0]).toEqual({ item: 'w05', measure: 'mentions', all: 2, room: 1, online: 1 });
		expect(rows.find((r) => r.item === 'wlan')).toEqual({ item: 'wlan', measure: 'mentions', all: 1, room: 1, online: 0 });
	});

	it('open text counts answers per moderation status', () => {
		const exp = exportOf(pollOf('open', { moderated: true }), [
			['room', { kind: 'open', text: 'a' }, 'approved'],
			['online', { kind: 'open', text: 'b' }, 'pending'],
			['online', { kind: 'open', text: 'c' }, 'pending']
		]);
		expect(summaryRows(exp).slice(1)).toEqual([
			{ item: 'approved', measure: 'answers', all: 1, room: 1, online: 0 },
			{ item: 'pending', measure: 'answers', all: 2, room: 0, online: 2 },
			{ item: 'hidden', measure: 'answers', all: 0, room: 0, online: 0 }
		]);
	});
});
