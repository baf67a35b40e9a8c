import { describe, expect, it } from 'vitest';
import type { ReportBack } from '#lib/shared/boards.ts';
import { reportParts, resultsPoll } from './report-stage.ts';

describe('B10: what the stage shows of a report-back', () => {
	const poll = (over: Partial<ReportBack['polls'][number]>): ReportBack['polls'][number] => ({
		id: 'p1',
		question: 'Wie hilfreich?',
		kind: 'single',
		options: [{ id: 'o1', label: 'Sehr' }],
		config: {},
		results: { kind: 'single', voters: 1, counts: { o1: 1 } },
		...over
	});

	it('B10: a scale keeps its configured range and end labels (else the range of the tally); other kinds keep their options', () => {
		const scale = resultsPoll(
			poll({ kind: 'scale', options: [], results: { kind: 'scale', voters: 0, distribution: { '0': 0, '1': 0, '10': 2 }, average: null } })
		);
		expect(scale.config).toEqual({ scaleMin: 0, scaleMax: 10 });
		const labelled = resultsPoll(
			poll({
				kind: 'scale',
				options: [],
				config: { scaleMin: 1, scaleMax: 5, labelMin: 'gar nicht', labelMax: 'sehr' },
				results: { kind: 'scale', voters: 0, distribution: {}, average: null }
			})
		);
		expect(labelled.config).toEqual({ scaleMin: 1, scaleMax: 5, labelMin: 'gar nicht', labelMax: 'sehr' });
		const single = resultsPoll(poll({}));
		expect(single).toEqual({ kind: 'single', options: [{ id: 'o1', label: 'Sehr' }], config: {} });
		expect(resultsPoll(poll({ kind: 'unknown' })).kind).toBe('single');
	});

	it('B10: text, results, or nothing yet', () => {
		const empty = { summary: '  ', questions: [], polls: [] };
		expect(reportParts(empty)).toEqual({ text: false, polls: false, empty: true });
		expect(reportParts({ ...empty, summary: 'Gut' })).toEqual({ text: true, polls: false, empty: false });
		expect(reportParts({ ...empty, questions: [{ id: 'q', text: 'Warum?', name: null, votes: 2, reply: null }] }).text).toBe(true);
		expect(reportParts({ ...empty, polls: [poll({})] })).toEqual({ text: false, polls: true, empty: false });
	});
});
