import { describe, expect, it } from 'vitest';
import { reportInput } from '#lib/shared/boards.ts';
import { isOnStage } from './board-stage.ts';
import { isShownQuestion, REPORT_LIMITS } from './lead-view.ts';

describe('board stage controls (B9, B10)', () => {
	it('B9: a board button is pressed only for its own board and view', () => {
		const seats = { mode: 'board', boardId: 'b1', view: 'seats' } as const;
		expect(isOnStage(seats, seats)).toBe(true);
		expect(isOnStage(seats, { mode: 'board', boardId: 'b1', view: 'draw' })).toBe(false);
		expect(isOnStage(seats, { mode: 'board', boardId: 'b2', view: 'seats' })).toBe(false);
		expect(isOnStage({ mode: 'idle' }, seats)).toBe(false);
	});

	it('B10: a report button is pressed only for its own workshop', () => {
		expect(isOnStage({ mode: 'report', sessionId: 's1' }, { mode: 'report', sessionId: 's1' })).toBe(true);
		expect(isOnStage({ mode: 'report', sessionId: 's1' }, { mode: 'report', sessionId: 's2' })).toBe(false);
		expect(isOnStage({ mode: 'question', questionId: null, top: true }, { mode: 'report', sessionId: 's1' })).toBe(false);
	});
});

describe('report-back limits (B10)', () => {
	const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);

	it('B10: the form limits are the ones the server checks', () => {
		expect(reportInput.safeParse({ summary: 'x'.repeat(REPORT_LIMITS.summaryLength) }).success).toBe(true);
		expect(reportInput.safeParse({ summary: 'x'.repeat(REPORT_LIMITS.summaryLength + 1) }).success).toBe(false);
		expect(reportInput.safeParse({ questionIds: ids(REPORT_LIMITS.questions) }).success).toBe(true);
		expect(reportInput.safeParse({ questionIds: ids(REPORT_LIMITS.questions + 1) }).success).toBe(false);
		expect(reportInput.safeParse({ pollIds: ids(REPORT_LIMITS.polls) }).success).toBe(true);
		expect(reportInput.safeParse({ pollIds: ids(REPORT_LIMITS.polls + 1) }).success).toBe(false);
	});

	it('B10: only questions shown in the workshop can be picked', () => {
		expect(['pending', 'approved', 'answered', 'hidden'].filter((status) => isShownQuestion({ status: status as 'pending' }))).toEqual([
			'approved',
			'answered'
		]);
	});
});
