import type { BoardParticipant, MyBoardState, PublicBoard, PublicWorkshop, ReportBack } from '../../shared/boards.ts';

/**
 * Boards, seats and report-backs as the API shows them: the shared records with instants as ISO
 * 8601 in UTC (the socket sends epoch ms). Workshop times stay the agenda's local wall-clock
 * times (`YYYY-MM-DDTHH:MM` in the event's time zone), as in sessions.
 */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function workshopView(w: PublicWorkshop) {
	return {
		sessionId: w.sessionId,
		title: w.title,
		room: w.room,
		description: w.description,
		startsAt: w.startsAt,
		endsAt: w.endsAt,
		capacity: w.capacity,
		confirmed: w.confirmed,
		waitlisted: w.waitlisted,
		seatsLeft: w.seatsLeft,
		leads: [...w.leads]
	};
}

export function boardView(b: PublicBoard) {
	return {
		id: b.id,
		eventId: b.eventId,
		title: b.title,
		mode: b.mode,
		state: b.state,
		lotteryDeadline: iso(b.lotteryDeadline),
		seedHash: b.seedHash,
		seed: b.seed,
		drawnAt: iso(b.drawnAt),
		drawSummary: b.drawSummary,
		workshops: b.workshops.map(workshopView)
	};
}
export type BoardView = ReturnType<typeof boardView>;

/** One person on a workshop's list; `participantId` lets the organiser name them in a move. */
export function participantView(p: BoardParticipant) {
	return { participantId: p.participantId, name: p.name, status: p.status, position: p.position, signedUpAt: iso(p.signedUpAt) };
}

/** Where a participant stands on the board after a move. */
export function seatView(participantId: string, s: MyBoardState) {
	return {
		boardId: s.boardId,
		participantId,
		sessionId: s.sessionId,
		status: s.status,
		position: s.position,
		choices: s.choices,
		drawnRank: s.drawnRank
	};
}

export function reportView(r: ReportBack) {
	return {
		sessionId: r.sessionId,
		title: r.title,
		summary: r.summary,
		questions: r.questions.map((q) => ({ id: q.id, text: q.text, name: q.name, votes: q.votes, reply: q.reply })),
		polls: r.polls.map((p) => ({ id: p.id, question: p.question, kind: p.kind, options: p.options, results: p.results })),
		updatedAt: iso(r.updatedAt)
	};
}
