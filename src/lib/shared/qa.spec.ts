import { describe, expect, it } from 'vitest';
import { cleanText, fairQueue, questionText, sortQuestions } from './qa.ts';

type Q = { id: string; channel: 'room' | 'online'; votes: number; createdAt: number; pinned: boolean; status: string };
const q = (id: string, channel: 'room' | 'online', votes: number, createdAt = 0, extra: Partial<Q> = {}): Q => ({
	id,
	channel,
	votes,
	createdAt,
	pinned: false,
	status: 'approved',
	...extra
});

describe('Q7: fair queue', () => {
	it('Q7: takes room and online in turn, each by votes, the group with the best question first', () => {
		const list = [q('r1', 'room', 50), q('r2', 'room', 40), q('r3', 'room', 30), q('o1', 'online', 5), q('o2', 'online', 3)];
		expect(fairQueue(list).map((x) => x.id)).toEqual(['r1', 'o1', 'r2', 'o2', 'r3']);
		const online = [q('r1', 'room', 2), q('o1', 'online', 9), q('o2', 'online', 1)];
		expect(fairQueue(online).map((x) => x.id)).toEqual(['o1', 'r1', 'o2']);
	});

	it('Q7: a tie goes to the older question; pinned first; answered, pending and hidden are left out', () => {
		const list = [
			q('o1', 'online', 3, 10),
			q('r1', 'room', 3, 20),
			q('p', 'online', 0, 0, { pinned: true }),
			q('a', 'room', 99, 0, { status: 'answered' }),
			q('w', 'room', 99, 0, { status: 'pending' }),
			q('h', 'room', 99, 0, { status: 'hidden' })
		];
		expect(fairQueue(list).map((x) => x.id)).toEqual(['p', 'o1', 'r1']);
	});

	it('Q7: with only one group the queue is that group by votes', () => {
		expect(fairQueue([q('a', 'room', 1), q('b', 'room', 3)]).map((x) => x.id)).toEqual(['b', 'a']);
		expect(fairQueue([])).toEqual([]);
	});
});

describe('Q8: ordering and text', () => {
	it('Q8: pinned first, then by votes (older first on a tie) or newest first', () => {
		const list = [q('a', 'room', 1, 1), q('b', 'room', 5, 2), q('c', 'room', 5, 3), q('d', 'room', 0, 4, { pinned: true })];
		expect(sortQuestions(list, 'votes').map((x) => x.id)).toEqual(['d', 'b', 'c', 'a']);
		expect(sortQuestions(list, 'time').map((x) => x.id)).toEqual(['d', 'c', 'b', 'a']);
	});

	it('Q2: question text is trimmed, control characters dropped, and kept literally otherwise', () => {
		expect(cleanText('  <script>alert(1)</script>\u0007 ')).toBe('<script>alert(1)</script>');
		expect(cleanText('a\n\n\n\nb')).toBe('a\n\nb');
		expect(cleanText('\u202Eevil\u200B')).toBe('\u202Eevil\u200B');
		expect(questionText.safeParse('   ').success).toBe(false);
		expect(questionText.safeParse('x'.repeat(500)).success).toBe(true);
		expect(questionText.safeParse('x'.repeat(10_000)).success).toBe(false);
	});
});
