import type { Deps } from '../deps.ts';
import type { SessionRecord } from '../events/service.ts';
import { exportQuestions } from '../qa/read.ts';
import type { Channel, HideReason, QuestionStatus, StaffQuestion } from '../../shared/qa.ts';

/**
 * One question as the exports show it (Q10): its text, votes, state, hide reason, the reply,
 * room/online and times. A name only where the asker gave one (the question carries it, null
 * when asked anonymously); never the participant id, which stays in the database.
 */
export interface ExportedQuestion {
	id: string;
	session: { id: string; title: string };
	text: string;
	name: string | null;
	votes: number;
	status: QuestionStatus;
	hideReason: HideReason | null;
	reply: string | null;
	channel: Channel;
	/** ISO 8601, UTC. */
	createdAt: string;
	answeredAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Field by field, so that a field added to StaffQuestion later never reaches a file unnoticed. */
export function exportedQuestion(q: StaffQuestion, session: { id: string; title: string }): ExportedQuestion {
	return {
		id: q.id,
		session: { id: session.id, title: session.title },
		text: q.text,
		name: q.name,
		votes: q.votes,
		status: q.status,
		hideReason: q.hideReason,
		reply: q.reply,
		channel: q.channel,
		createdAt: iso(q.createdAt)!,
		answeredAt: iso(q.answeredAt)
	};
}

/**
 * Every question of the given sessions, by session in agenda order, then oldest first. One
 * read, at any time (also while the Q&A runs): the file is the state of one moment.
 */
export async function collectQuestions(sessions: readonly Pick<SessionRecord, 'id' | 'title'>[], deps: Pick<Deps, 'db'>): Promise<ExportedQuestion[]> {
	const place = new Map(sessions.map((s, i) => [s.id, i]));
	const questions = await exportQuestions(
		sessions.map((s) => s.id),
		deps
	);
	// A stable sort keeps the oldest-first order within each session.
	const sorted = [...questions].sort((a, b) => (place.get(a.sessionId) ?? 0) - (place.get(b.sessionId) ?? 0));
	return sorted.map((q) => exportedQuestion(q, sessions[place.get(q.sessionId) ?? 0]!));
}
