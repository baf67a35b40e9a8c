import { describe, expect, it } from 'vitest';
import type { PublicQuestion } from '#lib/shared/qa.ts';
import { questionStage, textSize, topQuestions } from './question-stage.ts';

let n = 0;
function q(votes: number, over: Partial<PublicQuestion> = {}): PublicQuestion {
	n++;
	return {
		id: `q${n}`,
		sessionId: 's1',
		text: `Question ${n}`,
		name: null,
		channel: 'room',
		votes,
		status: 'approved',
		pinned: false,
		reply: null,
		edited: false,
		createdAt: n,
		answeredAt: null,
		...over
	};
}
const base = { ready: true, waiting: false };

describe('Q9: what the stage shows in question mode', () => {
	it('Q9: the top five are the open questions by votes, older first on a tie, answered ones left out', () => {
		const [a, b, c, d, e, f, g] = [q(3), q(9), q(3), q(1), q(5), q(20, { status: 'answered' }), q(0)];
		const top = topQuestions([a!, b!, c!, d!, e!, f!, g!]);
		expect(top.map((x) => x.id)).toEqual([b!.id, e!.id, a!.id, c!.id, d!.id]);
		expect(topQuestions([a!, b!, c!], b!.id).map((x) => x.id)).toEqual([a!.id, c!.id]);
	});

	it('Q9: the highlighted question is shown with the best others beside it when asked for', () => {
		const [a, b] = [q(1), q(4)];
		expect(questionStage({ questionId: a!.id, top: false, questions: [a!, b!], ...base })).toEqual({ kind: 'question', question: a, top: [] });
		expect(questionStage({ questionId: a!.id, top: true, questions: [a!, b!], ...base })).toEqual({ kind: 'question', question: a, top: [b] });
	});

	it('Q9: an answered highlighted question stays on screen', () => {
		const a = q(1, { status: 'answered' });
		expect(questionStage({ questionId: a.id, top: false, questions: [a], ...base }).kind).toBe('question');
	});

	it('Q9: a highlighted question that is gone is never shown stale: the list, or a neutral screen', () => {
		const a = q(2);
		expect(questionStage({ questionId: 'gone', top: true, questions: [a], ...base })).toEqual({ kind: 'top', top: [a] });
		expect(questionStage({ questionId: 'gone', top: false, questions: [a], ...base })).toEqual({ kind: 'none' });
		expect(questionStage({ questionId: 'gone', top: false, questions: [a], ready: true, waiting: true })).toEqual({ kind: 'loading' });
	});

	it('Q9: before any snapshot, and with no questions, calm screens', () => {
		expect(questionStage({ questionId: null, top: true, questions: [], ready: false, waiting: false })).toEqual({ kind: 'loading' });
		expect(questionStage({ questionId: null, top: true, questions: [], ...base })).toEqual({ kind: 'empty', allAnswered: false });
		expect(questionStage({ questionId: null, top: false, questions: [], ...base })).toEqual({ kind: 'empty', allAnswered: false });
		const done = q(3, { status: 'answered' });
		expect(questionStage({ questionId: null, top: true, questions: [done], ...base })).toEqual({ kind: 'empty', allAnswered: true });
		expect(questionStage({ questionId: null, top: false, questions: [done], ...base })).toEqual({ kind: 'none' });
	});

	it('Q9: long text starts smaller', () => {
		expect(textSize('Why?')).toBe('xl');
		expect(textSize('x'.repeat(100))).toBe('l');
		expect(textSize('x'.repeat(200))).toBe('m');
		expect(textSize('x'.repeat(500))).toBe('s');
	});
});
