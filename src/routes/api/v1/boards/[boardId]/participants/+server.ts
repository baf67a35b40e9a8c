import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { AppError } from '#lib/server/errors.ts';
import { can } from '#lib/server/access/policy.ts';
import { boardAccess } from '#lib/server/api/board-access.ts';
import { participantView } from '#lib/server/api/board-view.ts';
import { publicBoard, workshopParticipants } from '#lib/server/boards/read.ts';

/**
 * Per workshop, the confirmed participants and the waitlist in order, with display names and
 * sign-up times (B10). The lists are moderation data (session:moderate): owners and moderators
 * get every workshop, a workshop lead the workshops they lead. Each entry carries the
 * `participantId` that a move names; the file exports do not.
 */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const { board, access } = await boardAccess(user.id, event.params.boardId, 'event:view', deps);
	const all = await publicBoard(board.id, deps);
	const mine = all.workshops.filter((w) => can(access, 'session:moderate', w.sessionId));
	if (!can(access, 'session:moderate') && mine.length === 0) throw new AppError('forbidden', 'your role does not allow this');
	const workshops = [];
	for (const w of mine) {
		const { confirmed, waitlist } = await workshopParticipants(w.sessionId, deps);
		workshops.push({
			sessionId: w.sessionId,
			title: w.title,
			capacity: w.capacity,
			confirmed: confirmed.map(participantView),
			waitlist: waitlist.map(participantView)
		});
	}
	return ok({ boardId: board.id, workshops });
});

export const fallback = methodNotAllowed('GET');
