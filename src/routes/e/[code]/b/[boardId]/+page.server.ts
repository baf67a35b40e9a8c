import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { deps } from '#lib/server/web/guard.ts';
import { myBoardState } from '#lib/server/boards/read.ts';
import { currentParticipant, resolveCodeOr404 } from '../../../participant.server.ts';
import { visibleBoardOr404 } from './board.server.ts';

/**
 * A workshop board on a phone. The board and the participant's own seat, place or ranking are
 * rendered here, so a slow connection shows them at once; the page then follows them live.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const rest = `/b/${params.boardId}`;
	const { event, session } = await resolveCodeOr404(params.code, '/e', rest);
	if (session) redirect(303, `/e/${event.joinCode}${rest}`);
	const board = await visibleBoardOr404(params.boardId, event.id);
	const participant = await currentParticipant(cookies, event.id);
	if (!participant) redirect(303, `/r/${event.joinCode}`);
	return {
		event: { id: event.id, title: event.title, joinCode: event.joinCode, timeZone: event.timeZone },
		board,
		mine: await myBoardState(deps().db, board.id, participant.id),
		// The lottery form closes at the deadline; the server's clock decides what the first render shows.
		now: deps().clock.now()
	};
};
