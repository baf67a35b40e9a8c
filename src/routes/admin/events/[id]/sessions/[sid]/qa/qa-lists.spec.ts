import { describe, expect, it } from 'vitest';
import type { StaffQuestion } from '#lib/shared/qa.ts';
import { asStaff, countByFilter, listOf } from './qa-lists.ts';
import { staffQuestion as q } from '../../../../../../../../tests/support/questions.ts';

describe('moderator lists (Q5, Q7)', () => {
	const all = [
		q({ status: 'pending', createdAt: 50 }),
		q({ status: 'pending', createdAt: 10, flagged: true }),
		q({ votes: 1, channel: 'room', createdAt: 1 }),
		q({ votes: 5, channel: 'room', createdAt: 2 }),
		q({ votes: 3, channel: 'online', createdAt: 3 }),
		q({ votes: 0, channel: 'online', createdAt: 9, pinned: true }),
		q({ status: 'answered', answeredAt: 100 }),
		q({ status: 'answered', answeredAt: 200 }),
		q({ status: 'hidden', hideReason: 'duplicate' })
	];
	const ids = (list: StaffQuestion[]) => list.map((x) => x.votes);

	it('counts each list by state', () => {
		expect(countByFilter(all)).toEqual({ waiting: 2, live: 4, answered: 2, hidden: 1 });
	});

	it('Q5: waiting questions oldest first', () => {
		expect(listOf(all, 'waiting', 'votes').map((x) => x.createdAt)).toEqual([10, 50]);
	});

	it('Live by votes and by time keep pinned questions first', () => {
		expect(ids(listOf(all, 'live', 'votes'))).toEqual([0, 5, 3, 1]);
		expect(listOf(all, 'live', 'time').map((x) => x.createdAt)).toEqual([9, 3, 2, 1]);
	});

	it('Q7: the fair order interleaves room and online, pinned first', () => {
		expect(listOf(all, 'live', 'fair').map((x) => `${x.channel}:${x.votes}`)).toEqual(['online:0', 'room:5', 'online:3', 'room:1']);
	});

	it('answered newest first', () => {
		expect(listOf(all, 'answered', 'votes').map((x) => x.answeredAt)).toEqual([200, 100]);
	});

	it('a public question becomes a staff one without hide reason or flag', () => {
		const { hideReason: _h, flagged: _f, ...pub } = q({});
		expect(asStaff({ ...pub, status: 'approved' })).toMatchObject({ hideReason: null, flagged: false });
	});
});
