import type { BoardMode, BoardState } from '#lib/shared/boards.ts';
import type { QuestionStatus } from '#lib/shared/qa.ts';

/**
 * What the moderator view holds about workshop boards (B9, B10): plain data that crosses from
 * the load function to the browser. Participant ids never do: a person is their display name,
 * sign-up time and place.
 */
export interface LeadPerson {
	name: string | null;
	signedUpAt: number;
	/** 1-based place on the waitlist; null for a confirmed seat. */
	position: number | null;
}

/** The workshop's list for its lead, when the session is a workshop on a board. */
export interface LeadView {
	boardId: string;
	boardTitle: string;
	mode: BoardMode;
	/** A lottery that has not been drawn yet assigns no seats. */
	drawn: boolean;
	capacity: number;
	confirmed: LeadPerson[];
	waitlist: LeadPerson[];
	/** The event's zone: sign-up times are shown as the room's clock reads them. */
	timeZone: string;
}

/** A question the lead may pick for the report-back: shown in the workshop (approved or answered). */
export interface ReportQuestion {
	id: string;
	text: string;
	name: string | null;
	votes: number;
	status: QuestionStatus;
}

/** The saved report-back of a workshop session, and the questions that can go into it. */
export interface ReportDraft {
	summary: string;
	questionIds: string[];
	pollIds: string[];
	updatedAt: number | null;
	questions: ReportQuestion[];
}

/** What the stage can show of the event's boards and report-backs, from any session. */
export interface StageChoices {
	boards: { id: string; title: string; mode: BoardMode; state: BoardState; drawn: boolean }[];
	reports: { sessionId: string; title: string; updatedAt: number }[];
	/** Board and workshop titles by id, to name what the stage shows. */
	titles: Record<string, string>;
}

/** The page's load function depends on this; the lead's view invalidates it when seats change. */
export const BOARD_DEPENDENCY = 'plenum:board';

/** What the report-back action answers (form data of the page). */
export type ReportResult = { ok: true; message: string } | { ok: false; error: string; values: { summary: string; questionIds: string[]; pollIds: string[] } };

export function isShownQuestion(q: { status: QuestionStatus }): boolean {
	return q.status === 'approved' || q.status === 'answered';
}

/** The report-back's limits, as `reportInput` in src/lib/shared/boards.ts checks them (a spec keeps both equal). */
export const REPORT_LIMITS = { summaryLength: 2000, questions: 10, polls: 5 } as const;
