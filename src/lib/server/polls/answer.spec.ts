import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnswer } from './answer.ts';
import { normalizeWord, POLL_LIMITS, type PollKind } from '../../shared/polls.ts';

const OPTIONS = ['o1', 'o2', 'o3'].map((id) => ({ id, label: id }));
const p = (kind: PollKind, config = {}) => ({ kind, options: OPTIONS, config: { scaleMin: 1, scaleMax: 5, maxChoices: 2, maxEntries: 3, ...config } });
const refused = (f: () => unknown) => expect(f).toThrow(expect.objectContaining({ code: 'invalid_payload' }));

describe('answer checks (P5)', () => {
	it('P5: the wrong kind of answer is refused', () => {
		refused(() => checkAnswer(p('single'), { kind: 'scale', value: 3 }));
	});
	it('P5: unknown options are refused for single, multiple and ranking', () => {
		refused(() => checkAnswer(p('single'), { kind: 'single', optionId: 'o9' }));
		refused(() => checkAnswer(p('multiple'), { kind: 'multiple', optionIds: ['o1', 'o9'] }));
		refused(() => checkAnswer(p('ranking'), { kind: 'ranking', optionIds: ['o1', 'o2', 'o9'] }));
	});
	it('P5: too many choices are refused; duplicates collapse; none is refused', () => {
		refused(() => checkAnswer(p('multiple'), { kind: 'multiple', optionIds: ['o1', 'o2', 'o3'] }));
		expect(checkAnswer(p('multiple'), { kind: 'multiple', optionIds: ['o2', 'o1', 'o2'] })).toEqual({ kind: 'multiple', optionIds: ['o1', 'o2'] });
		refused(() => checkAnswer(p('multiple'), { kind: 'multiple', optionIds: [] }));
	});
	it('P5: ratings outside the scale are refused', () => {
		refused(() => checkAnswer(p('scale'), { kind: 'scale', value: 0 }));
		refused(() => checkAnswer(p('scale'), { kind: 'scale', value: 6 }));
		expect(checkAnswer(p('scale', { scaleMin: 0, scaleMax: 10 }), { kind: 'scale', value: 10 })).toEqual({ kind: 'scale', value: 10 });
	});
	it('P5: a ranking must order every option exactly once', () => {
		refused(() => checkAnswer(p('ranking'), { kind: 'ranking', optionIds: ['o1', 'o2'] }));
		refused(() => checkAnswer(p('ranking'), { kind: 'ranking', optionIds: ['o1', 'o1', 'o2'] }));
		expect(checkAnswer(p('ranking'), { kind: 'ranking', optionIds: ['o3', 'o1', 'o2'] })).toEqual({ kind: 'ranking', optionIds: ['o3', 'o1', 'o2'] });
	});
	it('P5: open text is trimmed, must not be empty and has a length limit', () => {
		expect(checkAnswer(p('open'), { kind: 'open', text: '  Mehr Bänke  ' })).toEqual({ kind: 'open', text: 'Mehr Bänke' });
		refused(() => checkAnswer(p('open'), { kind: 'open', text: '   ' }));
		refused(() => checkAnswer(p('open'), { kind: 'open', text: 'x'.repeat(POLL_LIMITS.openTextLength + 1) }));
	});
	it('P6: word-cloud entries are normalised, de-duplicated, limited in number and length', () => {
		expect(checkAnswer(p('wordcloud'), { kind: 'wordcloud', words: ['  Open   Data ', 'open data', 'ＷＬＡＮ!'] })).toEqual({
			kind: 'wordcloud',
			words: ['open data', 'wlan']
		});
		refused(() => checkAnswer(p('wordcloud'), { kind: 'wordcloud', words: ['a', 'b', 'c', 'd'] }));
		refused(() => checkAnswer(p('wordcloud'), { kind: 'wordcloud', words: ['...', '  '] }));
		refused(() => checkAnswer(p('wordcloud'), { kind: 'wordcloud', words: ['x'.repeat(POLL_LIMITS.wordLength + 1)] }));
	});
	it('P6: normalising is idempotent and case-insensitive (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (s) => {
				const n = normalizeWord(s);
				expect(normalizeWord(n)).toBe(n);
				expect(normalizeWord(s.toUpperCase())).toBe(normalizeWord(s.toLowerCase()));
			})
		);
	});
});
