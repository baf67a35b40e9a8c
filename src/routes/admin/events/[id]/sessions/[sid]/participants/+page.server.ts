import type { PageServerLoad } from './$types';
import { orError } from '#lib/server/web/guard.ts';
import { getEvent } from '#lib/server/events/service.ts';
import { workshopList } from '#lib/server/exports/participants-collect.ts';
import type { BoardParticipant } from '#lib/shared/boards.ts';
import { moderation } from '../moderation.ts';
import type { LeadPerson } from '../board/lead-view.ts';

const person = (p: BoardParticipant): LeadPerson => ({ name: p.name, signedUpAt: p.signedUpAt, position: p.position });

/**
 * The printable list of one workshop (B10) for its lead: title, time, room, leads, the
 * confirmed participants and the waitlist. The same access as the moderator view; a session on
 * no board has no list (404).
 */
export const load: PageServerLoad = async (event) => {
	const { d, session } = await moderation(event);
	const [ev, list] = await Promise.all([orError(getEvent(session.eventId, d)), orError(workshopList(session.id, d))]);
	const w = list.workshop;
	return {
		eventTitle: ev.title,
		timeZone: ev.timeZone,
		backUrl: `/admin/events/${ev.id}/sessions/${session.id}`,
		boardTitle: list.board.title,
		drawPending: list.board.mode === 'lottery' && !list.board.drawn,
		workshop: { title: w.title, room: w.room, startsAt: w.startsAt, endsAt: w.endsAt, capacity: w.capacity, leads: w.leads },
		confirmed: list.confirmed.map(person),
		waitlist: list.waitlist.map(person),
		printedAt: d.clock.now()
	};
};
