/**
 * Who may do what within one event (rules AC1–AC4 in docs/SPEC.md). Pure: the caller loads the
 * membership, this decides. Every transport asks here; none decides on its own.
 */
export type EventRole = 'owner' | 'moderator' | 'workshop_lead';
export type Action = 'event:view' | 'event:manage' | 'session:moderate';

export interface EventAccess {
	eventId: string;
	role: EventRole;
	/** For a workshop lead: the sessions they lead. Empty for the other roles. */
	sessionIds: readonly string[];
}

export function can(access: EventAccess | null, action: Action, sessionId?: string): boolean {
	if (!access) return false;
	switch (action) {
		case 'event:view':
			return true;
		case 'event:manage':
			return access.role === 'owner';
		case 'session:moderate':
			if (access.role === 'owner' || access.role === 'moderator') return true;
			return sessionId !== undefined && access.sessionIds.includes(sessionId);
	}
}
