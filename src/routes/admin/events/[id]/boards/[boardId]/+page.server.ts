import type { Actions, PageServerLoad } from './$types';
import { getEvent, listSessions } from '#lib/server/events/service.ts';
import { listBoards, publicBoard, workshopParticipants } from '#lib/server/boards/read.ts';
import { countEntries } from '#lib/server/boards/entries.ts';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { boardActions } from './board-actions.ts';
import { workshopActions } from './workshop-actions.ts';
import { boardOfEvent } from './board-of-event.ts';
import { BOARD_DEPENDENCY } from './board-dependency.ts';

/**
 * One board for its organiser (owner, B5): settings, sign-up state, the lottery, the workshops
 * with seats, waitlists and people, and the sessions of the event that are on no board yet
 * (workshops first; any kind may be added).
 */
export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
	depends(BOARD_DEPENDENCY);
	const user = requireUser(locals, url);
	const d = deps();
	await orError(boardOfEvent(params.boardId, params.id, user.id, d));
	const event = await orError(getEvent(params.id, d));
	const board = await orError(publicBoard(params.boardId, d));
	const participants = Object.fromEntries(
		await Promise.all(board.workshops.map(async (w) => [w.sessionId, await workshopParticipants(w.sessionId, d)] as const))
	);
	const taken = new Set((await listBoards(event.id, true, d)).flatMap((b) => b.workshops.map((w) => w.sessionId)));
	const free = (await listSessions(event.id, d))
		.filter((s) => !taken.has(s.id))
		.map((s) => ({ id: s.id, title: s.title, kind: s.kind, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room }));
	return {
		event: { id: event.id, title: event.title, timeZone: event.timeZone },
		board,
		participants,
		candidates: { workshops: free.filter((s) => s.kind === 'workshop'), others: free.filter((s) => s.kind !== 'workshop') },
		entries: board.mode === 'lottery' ? await countEntries(board.id, d) : 0,
		now: d.clock.now()
	};
};

export const actions: Actions = { ...boardActions, ...workshopActions };
