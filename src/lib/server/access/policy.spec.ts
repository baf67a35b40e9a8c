import { describe, expect, it } from 'vitest';
import { can, type EventAccess } from './policy.ts';

const owner: EventAccess = { eventId: 'e', role: 'owner', sessionIds: [] };
const moderator: EventAccess = { eventId: 'e', role: 'moderator', sessionIds: [] };
const lead: EventAccess = { eventId: 'e', role: 'workshop_lead', sessionIds: ['w1'] };

describe('roles and permissions', () => {
	it('AC1: only the owner manages the event (agenda, invites, deletion)', () => {
		expect(can(owner, 'event:manage')).toBe(true);
		expect(can(moderator, 'event:manage')).toBe(false);
		expect(can(lead, 'event:manage')).toBe(false);
	});

	it('AC3: owner and moderator moderate every session; a workshop lead only their own', () => {
		for (const sid of ['w1', 'w2', 'plenary']) {
			expect(can(owner, 'session:moderate', sid)).toBe(true);
			expect(can(moderator, 'session:moderate', sid)).toBe(true);
		}
		expect(can(lead, 'session:moderate', 'w1')).toBe(true);
		expect(can(lead, 'session:moderate', 'w2')).toBe(false);
		expect(can(lead, 'session:moderate')).toBe(false);
	});

	it('AC4: every member may view the event; no membership means nothing at all', () => {
		for (const a of [owner, moderator, lead]) expect(can(a, 'event:view')).toBe(true);
		for (const action of ['event:view', 'event:manage', 'session:moderate'] as const) expect(can(null, action, 'w1')).toBe(false);
	});
});
