import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { deps } from '#lib/server/web/guard.ts';
import { nullIfNotFound } from '#lib/server/errors.ts';
import { boardOfSession, publicBoard } from '#lib/server/boards/read.ts';
import type { PublicBoard } from '#lib/shared/boards.ts';

/*
 * Server helpers of the phone's board page, its calendar file and the links to it from the agenda
 * and the session page. They speak HTTP (404), so they live beside the routes.
 */

/** The board as a phone of this event may see it. A draft or another event's board answers like an unknown one (B4, S3). */
export async function visibleBoardOr404(boardId: string, eventId: string): Promise<PublicBoard> {
	const board = await nullIfNotFound(publicBoard(boardId, deps()));
	if (!board || board.eventId !== eventId || board.state === 'draft') error(404, m.boardaud_unknown(), { code: 'unknown_board' });
	return board;
}

/** The board a session is on, for a link from the session page; null when there is none or phones may not see it. */
export async function sessionBoardLink(sessionId: string, eventId: string): Promise<{ id: string; title: string } | null> {
	const boardId = await boardOfSession(sessionId, deps());
	if (!boardId) return null;
	const board = await publicBoard(boardId, deps()).catch(() => null);
	if (!board || board.eventId !== eventId || board.state === 'draft') return null;
	return { id: board.id, title: board.title };
}
