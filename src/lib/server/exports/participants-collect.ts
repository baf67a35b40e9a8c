import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { boardOfSession, publicBoard, workshopParticipants } from '../boards/read.ts';
import type { BoardMode, BoardParticipant, PublicWorkshop, SeatStatus } from '../../shared/boards.ts';

/**
 * One workshop's list for its lead (B10): the workshop as the board shows it (title, room, time,
 * capacity, leads), its confirmed participants in sign-up order and its waitlist in order. The
 * moderator view, the printable page and the exports read the same list.
 */
export interface WorkshopList {
	board: { id: string; title: string; mode: BoardMode; drawn: boolean };
	workshop: PublicWorkshop;
	confirmed: BoardParticipant[];
	waitlist: BoardParticipant[];
}

/** The list of a workshop session; a session on no board has none (`not_found`). */
export async function workshopList(sessionId: string, deps: Pick<Deps, 'db'>): Promise<WorkshopList> {
	const boardId = await boardOfSession(sessionId, deps);
	if (!boardId) throw new AppError('not_found', 'this session is not a workshop on a board');
	const [board, people] = await Promise.all([publicBoard(boardId, deps), workshopParticipants(sessionId, deps)]);
	const workshop = board.workshops.find((w) => w.sessionId === sessionId);
	if (!workshop) throw new AppError('not_found', 'this session is not a workshop on a board');
	return { board: { id: board.id, title: board.title, mode: board.mode, drawn: board.drawnAt !== null }, workshop, ...people };
}

/**
 * One participant as the exports show it: the workshop, the display name where one was given
 * (null otherwise), confirmed or waitlisted, the place on the waitlist and the sign-up time.
 * Never the participant id, which stays in the database.
 */
export interface ExportedParticipant {
	workshop: string;
	name: string | null;
	status: SeatStatus;
	/** 1-based place on the waitlist; null for a confirmed seat. */
	position: number | null;
	/** ISO 8601, UTC. */
	signedUpAt: string;
}

/** Field by field, so that a field added to BoardParticipant later never reaches a file unnoticed. */
export function exportedParticipant(p: BoardParticipant, workshop: { title: string }): ExportedParticipant {
	return {
		workshop: workshop.title,
		name: p.name,
		status: p.status,
		position: p.status === 'waitlisted' ? p.position : null,
		signedUpAt: new Date(p.signedUpAt).toISOString()
	};
}

/** Confirmed first (in sign-up order), then the waitlist by position. */
export function exportedParticipants(list: Pick<WorkshopList, 'workshop' | 'confirmed' | 'waitlist'>): ExportedParticipant[] {
	return [...list.confirmed, ...list.waitlist].map((p) => exportedParticipant(p, list.workshop));
}
