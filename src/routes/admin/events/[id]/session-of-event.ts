import { AppError } from '#lib/server/errors.ts';
import { getSession, type SessionRecord } from '#lib/server/events/service.ts';
import type { Deps } from '#lib/server/deps.ts';

/**
 * A session id from a form, checked to belong to the event in the URL: the domain checks rights
 * on the session's own event, this keeps one event's page from acting on another's sessions.
 */
export async function sessionOfEvent(sessionId: unknown, eventId: string, d: Pick<Deps, 'db'>): Promise<SessionRecord> {
	if (typeof sessionId !== 'string' || sessionId === '') throw new AppError('not_found', 'session not found');
	const s = await getSession(sessionId, d);
	if (s.eventId !== eventId) throw new AppError('not_found', 'session not found');
	return s;
}
