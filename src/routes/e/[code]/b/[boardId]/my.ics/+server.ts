import { createHash } from 'node:crypto';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { deps } from '#lib/server/web/guard.ts';
import { myBoardState } from '#lib/server/boards/read.ts';
import { currentParticipant, resolveCodeOr404 } from '../../../../participant.server.ts';
import { visibleBoardOr404 } from '../board.server.ts';
import { calendarFile } from './ics.ts';

/**
 * The participant's confirmed workshop as a calendar entry ("In den Kalender"). Only for someone
 * holding a confirmed seat on this board; everyone else gets 404, like an unknown board.
 */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const { event } = await resolveCodeOr404(params.code, '/e', `/b/${params.boardId}/my.ics`);
	const board = await visibleBoardOr404(params.boardId, event.id);
	const participant = await currentParticipant(cookies, event.id);
	const mine = participant ? await myBoardState(deps().db, board.id, participant.id) : null;
	const workshop = mine?.status === 'confirmed' ? board.workshops.find((w) => w.sessionId === mine.sessionId) : undefined;
	if (!participant || !workshop) error(404, m.boardaud_ics_no_seat(), { code: 'no_seat' });
	const { publicOrigin, clock } = deps();
	// The same participant and board always give the same UID (a new download updates the entry);
	// hashed, so the file does not carry the participant's id.
	const uid = `${createHash('sha256').update(`${board.id}:${participant.id}`).digest('hex').slice(0, 32)}@${new URL(publicOrigin).host}`;
	const leads = workshop.leads.length > 0 ? `\n\n${m.boardaud_leads({ names: workshop.leads.join(', ') })}` : '';
	const body = calendarFile({
		uid,
		stamp: clock.now(),
		start: workshop.startsAt,
		end: workshop.endsAt,
		timeZone: event.timeZone,
		summary: workshop.title,
		location: workshop.room,
		description: `${workshop.description}${leads}`.trim(),
		url: `${publicOrigin}/e/${event.joinCode}/b/${board.id}`
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="workshop.ics"',
			'cache-control': 'private, no-store'
		}
	});
};
