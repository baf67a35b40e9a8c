import type { Deps } from '../deps.ts';
import type { PollConfig, PollKind, PollOption, Tally } from '../../shared/polls.ts';
import type { ReportBack } from '../../shared/boards.ts';
import type { StaffQuestion } from '../../shared/qa.ts';
import { byVotes } from '../../shared/qa.ts';
import { AppError } from '../errors.ts';
import { getEvent, listSessions, type EventRecord, type SessionRecord } from '../events/service.ts';
import { listPolls } from '../polls/service.ts';
import { collectPollExports } from '../exports/collect.ts';
import { summaryRows, type SummaryRow } from '../exports/summary.ts';
import { staffQuestions } from '../qa/read.ts';
import { listBoards } from '../boards/read.ts';
import { getReport } from '../boards/report.ts';

/** How many of a session's most upvoted questions the report lists beside the answered ones. */
export const REPORT_TOP_QUESTIONS = 10;

export interface PollReport {
	id: string;
	question: string;
	kind: PollKind;
	options: PollOption[];
	config: PollConfig;
	state: 'open' | 'closed';
	/** Everyone, in the room, online (P9). */
	results: { all: Tally; room: Tally; online: Tally };
	/** The figures as a table, the same rows as the summary export. */
	rows: SummaryRow[];
}

export interface SessionReport {
	session: SessionRecord;
	polls: PollReport[];
	/** Answered questions (in the order they were answered) and the most upvoted visible ones. */
	questions: { answered: StaffQuestion[]; top: StaffQuestion[]; visible: number; total: number };
	/** The session's seats when it is a workshop on a sign-up board. */
	workshop: { board: string; capacity: number; confirmed: number; waitlisted: number } | null;
	/** The workshop's report-back, once its lead wrote one. */
	report: ReportBack | null;
}

export interface EventReport {
	event: EventRecord;
	sessions: SessionReport[];
	generatedAt: number;
}

/**
 * What happened at an event, or at one of its sessions, for its documentation (issue 8): every
 * poll that ran with its figures (room and online apart), the answered and the most upvoted
 * questions, workshop seats and report-backs. Built from the same reads as the exports, so the
 * figures match them and the stage. Hidden and pending questions are left out: the report is
 * meant to be shared.
 */
export async function eventReport(eventId: string, sessionId: string | null, deps: Pick<Deps, 'db' | 'clock'>): Promise<EventReport> {
	const event = await getEvent(eventId, deps);
	const all = await listSessions(eventId, deps);
	const sessions = sessionId ? all.filter((s) => s.id === sessionId) : all;
	if (sessionId && sessions.length === 0) throw new AppError('not_found', 'session not found');
	const workshops = new Map<string, SessionReport['workshop']>();
	for (const b of await listBoards(eventId, true, deps))
		for (const w of b.workshops) workshops.set(w.sessionId, { board: b.title, capacity: w.capacity, confirmed: w.confirmed, waitlisted: w.waitlisted });
	const out: SessionReport[] = [];
	for (const session of sessions) {
		const polls = (await listPolls(session.id, deps)).filter((p) => p.state !== 'draft');
		const exports = await collectPollExports(polls, [session], deps);
		const { questions: qs, total } = await staffQuestions(session.id, deps);
		const visible = qs.filter((q) => q.status === 'approved' || q.status === 'answered');
		const report = workshops.has(session.id) ? await getReport(session.id, deps) : null;
		out.push({
			session,
			polls: exports.map((e) => ({
				id: e.poll.id,
				question: e.poll.question,
				kind: e.poll.kind,
				options: e.poll.options,
				config: e.poll.config,
				state: e.poll.state === 'closed' ? 'closed' : 'open',
				results: e.results,
				rows: summaryRows(e)
			})),
			questions: {
				answered: visible.filter((q) => q.status === 'answered').sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0)),
				top: [...visible].sort(byVotes).slice(0, REPORT_TOP_QUESTIONS),
				visible: visible.length,
				total
			},
			workshop: workshops.get(session.id) ?? null,
			report: report && report.updatedAt !== null ? report : null
		});
	}
	return { event, sessions: out, generatedAt: deps.clock.now() };
}
