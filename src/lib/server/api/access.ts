import { AppError, isAppError } from '../errors.ts';
import { requireAccess } from '../access/service.ts';
import type { Action, EventAccess } from '../access/policy.ts';
import { getSession, type SessionRecord } from '../events/service.ts';
import { requirePollModerator, type PollRecord } from '../polls/service.ts';
import type { Deps } from '../deps.ts';

/**
 * Access checks for API routes. Domain functions check again when they write; checking here
 * first means a moderator learns "forbidden" before any validation of a body they may not send,
 * and a stranger to the event always gets the same `not_found` (S3).
 */
export function eventAccess(userId: string, eventId: string, action: Action, deps: Pick<Deps, 'db'>): Promise<EventAccess> {
	return requireAccess(userId, eventId, action, deps);
}

/**
 * Loads a session the user may act on. An unknown session and a session of an event the user is
 * not a member of give the same answer, so session ids cannot be probed across events (S3).
 */
export async function sessionAccess(userId: string, sessionId: string, action: Action, deps: Pick<Deps, 'db'>): Promise<SessionRecord> {
	try {
		const session = await getSession(sessionId, deps);
		// The session id matters for `session:moderate`: a workshop lead moderates only their own.
		await requireAccess(userId, session.eventId, action, deps, session.id);
		return session;
	} catch (e) {
		if (isAppError(e) && e.code === 'not_found') throw new AppError('not_found', 'session not found');
		throw e;
	}
}

/**
 * Loads a poll whose session the user moderates (AC3). As with sessions, an unknown poll and a
 * poll of an event the user is no member of give the same answer (S3).
 */
export async function pollAccess(userId: string, pollId: string, deps: Pick<Deps, 'db'>): Promise<PollRecord> {
	try {
		return await requirePollModerator(pollId, userId, deps);
	} catch (e) {
		if (isAppError(e) && e.code === 'not_found') throw new AppError('not_found', 'poll not found');
		throw e;
	}
}
