import type { Deps } from '#lib/server/deps.ts';
import { listSessions, type SessionRecord } from '#lib/server/events/service.ts';
import { listBoards } from '#lib/server/boards/read.ts';
import { getReport } from '#lib/server/boards/report.ts';
import { staffQuestions } from '#lib/server/qa/read.ts';
import { workshopList } from '#lib/server/exports/participants-collect.ts';
import type { BoardParticipant, ReportBack } from '#lib/shared/boards.ts';
import { isShownQuestion, type LeadPerson, type LeadView, type ReportDraft, type StageChoices } from './lead-view.ts';

const person = (p: BoardParticipant): LeadPerson => ({ name: p.name, signedUpAt: p.signedUpAt, position: p.position });

/**
 * Everything the moderator view shows about boards: for any session the event's boards and
 * saved report-backs (to put on the stage); for a workshop session its report-back and the
 * questions to pick; for a workshop on a board also its participants (B9, B10).
 */
export async function loadBoards(
	session: SessionRecord,
	timeZone: string,
	d: Pick<Deps, 'db'>
): Promise<{ lead: LeadView | null; report: ReportDraft | null; stageChoices: StageChoices }> {
	const [boards, agenda] = await Promise.all([listBoards(session.eventId, true, d), listSessions(session.eventId, d)]);
	const onBoard = new Set(boards.flatMap((b) => b.workshops.map((w) => w.sessionId)));
	const workshops = agenda.filter((s) => s.kind === 'workshop' || onBoard.has(s.id));
	const reports = new Map<string, ReportBack>((await Promise.all(workshops.map((s) => getReport(s.id, d)))).map((r) => [r.sessionId, r]));
	const isWorkshop = session.kind === 'workshop' || onBoard.has(session.id);

	const titles: Record<string, string> = {};
	for (const b of boards) titles[b.id] = b.title;
	for (const s of workshops) titles[s.id] = s.title;
	const stageChoices: StageChoices = {
		boards: boards.map((b) => ({ id: b.id, title: b.title, mode: b.mode, state: b.state, drawn: b.drawnAt !== null })),
		reports: workshops.flatMap((s) => {
			const r = reports.get(s.id);
			return r && r.updatedAt !== null ? [{ sessionId: s.id, title: s.title, updatedAt: r.updatedAt }] : [];
		}),
		titles
	};

	let report: ReportDraft | null = null;
	if (isWorkshop) {
		const saved = reports.get(session.id);
		const { questions } = await staffQuestions(session.id, d);
		report = {
			summary: saved?.summary ?? '',
			questionIds: saved?.questions.map((q) => q.id) ?? [],
			pollIds: saved?.polls.map((p) => p.id) ?? [],
			updatedAt: saved?.updatedAt ?? null,
			questions: questions.filter(isShownQuestion).map((q) => ({ id: q.id, text: q.text, name: q.name, votes: q.votes, status: q.status }))
		};
	}

	let lead: LeadView | null = null;
	if (onBoard.has(session.id)) {
		const list = await workshopList(session.id, d);
		lead = {
			boardId: list.board.id,
			boardTitle: list.board.title,
			mode: list.board.mode,
			drawn: list.board.drawn,
			capacity: list.workshop.capacity,
			confirmed: list.confirmed.map(person),
			waitlist: list.waitlist.map(person),
			timeZone
		};
	}
	return { lead, report, stageChoices };
}
