import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyChanges, diffPublic } from './qa-changes.ts';
import { byVotes, type PublicQaSnapshot, type PublicQuestion } from './qa.ts';
import { publicQuestion } from '../../../tests/support/questions.ts';

const settings = { enabled: true, moderation: false, anonymousOnly: false, wordFilter: [] } as unknown as PublicQaSnapshot['settings'];

const question = (id: string, over: Partial<PublicQuestion> = {}): PublicQuestion =>
	publicQuestion({ id, text: `Question ${id}`, createdAt: 1000 + id.charCodeAt(0), ...over });

const snap = (seq: number, questions: PublicQuestion[]): PublicQaSnapshot => ({
	sessionId: 's1',
	seq,
	settings,
	total: questions.length,
	questions: [...questions].sort(byVotes)
});

describe('Q&A changes for phones', () => {
	it('sends a vote-only change as a number, anything else as the question, and names what left', () => {
		const prev = snap(10, [question('a', { votes: 3 }), question('b', { votes: 1 }), question('c')]);
		const next = snap(11, [question('a', { votes: 4 }), question('b', { votes: 1, status: 'answered' }), question('d')]);
		const ch = diffPublic(prev, next);
		expect(ch).toMatchObject({ base: 10, seq: 11, votes: { a: 4 }, remove: ['c'] });
		expect(ch.upsert.map((q) => q.id).sort()).toEqual(['b', 'd']);
		expect(applyChanges(prev.questions, ch)).toEqual(next.questions);
	});

	it('property: applying the changes to the old list gives the new list, in order', () => {
		const q = fc.record({
			id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
			votes: fc.integer({ min: 0, max: 5 }),
			status: fc.constantFrom('approved' as const, 'answered' as const),
			pinned: fc.boolean(),
			reply: fc.constantFrom(null, 'yes'),
			createdAt: fc.integer({ min: 0, max: 3 })
		});
		const list = fc.uniqueArray(q, { selector: (x) => x.id, maxLength: 7 }).map((xs) => xs.map((x) => question(x.id, x)));
		fc.assert(
			fc.property(list, list, (a, b) => {
				const prev = snap(1, a);
				const next = snap(2, b);
				const ch = diffPublic(prev, next);
				expect(applyChanges(prev.questions, ch)).toEqual(next.questions);
				// Nothing unchanged is sent.
				const same = a.filter((x) => b.some((y) => JSON.stringify(x) === JSON.stringify(y))).map((x) => x.id);
				for (const id of same) expect(ch.upsert.some((u) => u.id === id) || id in ch.votes || ch.remove.includes(id)).toBe(false);
			})
		);
	});
});
