import { AppError, nullIfNotFound } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { loadAccess } from '../access/service.ts';
import { can } from '../access/policy.ts';
import { getEvent, listSessions, type EventRecord, type SessionRecord } from '../events/service.ts';
import { getPoll, listPolls, type PollRecord } from '../polls/service.ts';

export interface ExportFilter {
	sessionId?: string | null;
	pollId?: string | null;
}

export interface ExportScope {
	event: EventRecord;
	/** The sessions the export covers, in agenda order. */
	sessions: SessionRecord[];
	/** Their polls: by session in agenda order, then by position. */
	polls: PollRecord[];
	/** What was asked for, for the file name. */
	session: SessionRecord | null;
	poll: PollRecord | null;
}

/**
 * What a staff member may export from one event: one poll, the polls of one session, or all polls
 * of the event. Poll results and answers are moderation data, so the rule is `session:moderate`
 * on each session (AC3): owners and moderators get every session, a workshop lead the sessions
 * they lead — an event-wide export of a lead holds just those. Someone without a role in the
 * event, and a session or poll of another event, get `not_found` (S3).
 */
export async function exportScope(userId: string, eventId: string, filter: ExportFilter, deps: Pick<Deps, 'db'>): Promise<ExportScope> {
	const access = await loadAccess(userId, eventId, deps);
	if (!access) throw new AppError('not_found', 'event not found');
	const [event, agenda] = await Promise.all([getEvent(eventId, deps), listSessions(eventId, deps)]);
	const mayModerate = (sessionId: string) => can(access, 'session:moderate', sessionId);

	let session: SessionRecord | null = null;
	if (filter.sessionId) {
		session = agenda.find((s) => s.id === filter.sessionId) ?? null;
		if (!session) throw new AppError('not_found', 'session not found');
	}
	if (filter.pollId) {
		const poll = await nullIfNotFound(getPoll(filter.pollId, deps));
		if (!poll || poll.eventId !== eventId || (session && poll.sessionId !== session.id)) throw new AppError('not_found', 'poll not found');
		if (!mayModerate(poll.sessionId)) throw new AppError('forbidden', 'your role does not allow this');
		const ofPoll = agenda.find((s) => s.id === poll.sessionId);
		if (!ofPoll) throw new AppError('not_found', 'poll not found');
		return { event, sessions: [ofPoll], polls: [poll], session, poll };
	}
	if (session && !mayModerate(session.id)) throw new AppError('forbidden', 'your role does not allow this');
	const sessions = session ? [session] : agenda.filter((s) => mayModerate(s.id));
	const polls: PollRecord[] = [];
	for (const s of sessions) polls.push(...(await listPolls(s.id, deps)));
	return { event, sessions, polls, session, poll: null };
}

export interface SessionsScope {
	event: EventRecord;
	/** The sessions the export covers, in agenda order. */
	sessions: SessionRecord[];
	/** What was asked for, for the file name; null for the whole event. */
	session: SessionRecord | null;
}

/**
 * The same rule as `exportScope` for exports that need only the sessions (questions, Q10): one
 * session, or every session of the event the user moderates (a workshop lead: the ones they
 * lead). No role in the event, or a session of another event: `not_found` (S3); a session the
 * user may not moderate: `forbidden` (AC3).
 */
export async function sessionsScope(userId: string, eventId: string, sessionId: string | null | undefined, deps: Pick<Deps, 'db'>): Promise<SessionsScope> {
	const access = await loadAccess(userId, eventId, deps);
	if (!access) throw new AppError('not_found', 'event not found');
	const [event, agenda] = await Promise.all([getEvent(eventId, deps), listSessions(eventId, deps)]);
	if (!sessionId) return { event, sessions: agenda.filter((s) => can(access, 'session:moderate', s.id)), session: null };
	const session = agenda.find((s) => s.id === sessionId);
	if (!session) throw new AppError('not_found', 'session not found');
	if (!can(access, 'session:moderate', session.id)) throw new AppError('forbidden', 'your role does not allow this');
	return { event, sessions: [session], session };
}
