import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { can, type Action, type EventAccess, type EventRole } from './policy.ts';

export async function loadAccess(userId: string, eventId: string, deps: Pick<Deps, 'db'>): Promise<EventAccess | null> {
	const m = await deps.db.selectFrom('memberships').select('role').where('event_id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
	if (!m) return null;
	const role = m.role as EventRole;
	let sessionIds: string[] = [];
	if (role === 'workshop_lead') {
		const rows = await deps.db.selectFrom('lead_sessions').select('session_id').where('event_id', '=', eventId).where('user_id', '=', userId).execute();
		sessionIds = rows.map((r) => r.session_id);
	}
	return { eventId, role, sessionIds };
}

/** Loads the membership and throws `forbidden` unless the action is allowed. */
export async function requireAccess(userId: string, eventId: string, action: Action, deps: Pick<Deps, 'db'>, sessionId?: string): Promise<EventAccess> {
	const access = await loadAccess(userId, eventId, deps);
	// Not a member at all answers not_found, so event ids cannot be probed (S3).
	if (!access) throw new AppError('not_found', 'event not found');
	if (!can(access, action, sessionId)) throw new AppError('forbidden', 'your role does not allow this');
	return access;
}
