import { describe, expect, it } from 'vitest';
import { answerText, exportAnswer, exportedName, readableAnswer, type ExportPoll } from './answers.ts';
import type { PollKind } from '../../shared/polls.ts';

const OPTIONS = [
	{ id: 'o1', label: 'Rot' },
	{ id: 'o2', label: 'Grün' },
	{ id: 'o3', label: 'Blau' }
];
const poll = (kind: PollKind, showNames = false): ExportPoll => ({ kind, options: OPTIONS, showNames });
const T = Date.UTC(2026, 4, 4, 7, 30, 15, 250);

describe('readable answers (P10)', () => {
	it('P10: choice answers show option labels, multiple in the order of the options', () => {
		expect(readableAnswer(poll('single'), { kind: 'single', optionId: 'o2' })).toEqual({ option: 'Grün' });
		expect(readableAnswer(poll('multiple'), { kind: 'multiple', optionIds: ['o3', 'o1'] })).toEqual({ options: ['Rot', 'Blau'] });
		expect(answerText({ options: ['Rot', 'Blau'] })).toBe('Rot; Blau');
	});

	it('P10: a ranking lists the labels from first to last place', () => {
		const a = readableAnswer(poll('ranking'), { kind: 'ranking', optionIds: ['o3', 'o1', 'o2'] });
		expect(a).toEqual({ ranking: ['Blau', 'Rot', 'Grün'] });
		expect(answerText(a)).toBe('1. Blau; 2. Rot; 3. Grün');
	});

	it('P10: scale values, words and texts are shown as they were stored', () => {
		expect(readableAnswer(poll('scale'), { kind: 'scale', value: 4 })).toEqual({ value: 4 });
		expect(answerText({ value: 4 })).toBe('4');
		expect(readableAnswer(poll('wordcloud'), { kind: 'wordcloud', words: ['open data', 'wlan'] })).toEqual({ words: ['open data', 'wlan'] });
		expect(answerText({ words: ['open data', 'wlan'] })).toBe('open data; wlan');
		expect(answerText(readableAnswer(poll('open'), { kind: 'open', text: 'Mehr Pausen,\nbitte' }))).toBe('Mehr Pausen,\nbitte');
	});

	it('an option id that is no option shows as itself rather than vanishing', () => {
		expect(readableAnswer(poll('single'), { kind: 'single', optionId: 'o9' })).toEqual({ option: 'o9' });
	});
});

describe('exported answers (P10)', () => {
	const row = { channel: 'online' as const, status: 'approved', name: 'Anna Beispiel', createdAt: T };

	it('P10: names only on open-text answers of a poll that shows names', () => {
		expect(exportedName(poll('open', true), 'Anna')).toBe('Anna');
		expect(exportedName(poll('open', false), 'Anna')).toBeNull();
		for (const kind of ['single', 'multiple', 'scale', 'wordcloud', 'ranking'] as const) expect(exportedName(poll(kind, true), 'Anna')).toBeNull();
	});

	it('P10: an exported answer holds channel, readable answer, status for open text, allowed name and ISO time, nothing else', () => {
		const open = exportAnswer(poll('open', true), { ...row, answer: { kind: 'open', text: 'Danke!' }, status: 'pending' });
		expect(open).toEqual({ channel: 'online', answer: { text: 'Danke!' }, status: 'pending', name: 'Anna Beispiel', createdAt: '2026-05-04T07:30:15.250Z' });
		const single = exportAnswer(poll('single', true), { ...row, answer: { kind: 'single', optionId: 'o1' } });
		expect(single).toEqual({ channel: 'online', answer: { option: 'Rot' }, status: null, name: null, createdAt: '2026-05-04T07:30:15.250Z' });
	});

	it('P10: the vote id and the participant id of a row never reach the export', () => {
		const stored = { ...row, id: 'vote-id-123', participantId: 'participant-id-456', answer: { kind: 'open' as const, text: 'x' } };
		const json = JSON.stringify(exportAnswer(poll('open', true), stored));
		expect(json).not.toContain('vote-id-123');
		expect(json).not.toContain('participant-id-456');
	});
});
