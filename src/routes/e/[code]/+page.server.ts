import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deps } from '#lib/server/web/guard.ts';
import { listSessions } from '#lib/server/events/service.ts';
import { DISPLAY_NAME_MAX, updateParticipant } from '#lib/server/participants/service.ts';
import { listBoards } from '#lib/server/boards/read.ts';
import { currentParticipant, resolveCodeOr404 } from '../participant.server.ts';
import { isLive, localNow } from '../live-now.ts';

/** The event agenda for participants: what is live now first, then the whole programme. */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const { event, session } = await resolveCodeOr404(params.code, '/e');
	// A session's code typed into /e/… still leads somewhere sensible.
	if (session) redirect(303, `/e/${event.joinCode}/s/${session.id}`);
	const participant = await currentParticipant(cookies, event.id);
	if (!participant) redirect(303, `/r/${event.joinCode}`);
	const now = localNow(deps().clock.now(), event.timeZone);
	const sessions = (await listSessions(event.id, deps())).map((s) => ({
		id: s.id,
		kind: s.kind,
		title: s.title,
		startsAt: s.startsAt,
		endsAt: s.endsAt,
		room: s.room,
		livestreamUrl: s.livestreamUrl,
		live: isLive(s, now)
	}));
	return {
		event: { title: event.title, joinCode: event.joinCode, startsOn: event.startsOn, endsOn: event.endsOn },
		participant: { displayName: participant.displayName, channel: participant.channel },
		sessions,
		// Workshop sign-up boards phones may see (not drafts, B4), each with a link to its page.
		boards: (await listBoards(event.id, false, deps())).map((b) => ({
			id: b.id,
			title: b.title,
			state: b.state,
			mode: b.mode,
			drawnAt: b.drawnAt,
			lotteryDeadline: b.lotteryDeadline
		})),
		now: deps().clock.now(),
		displayNameMax: DISPLAY_NAME_MAX
	};
};

export const actions: Actions = {
	/** Name and channel, changeable at any time (PA2); a plain form so it works without JavaScript. */
	profile: async ({ params, cookies, request }) => {
		const { event } = await resolveCodeOr404(params.code, '/e');
		const participant = await currentParticipant(cookies, event.id);
		if (!participant) redirect(303, `/r/${event.joinCode}`);
		const form = await request.formData();
		const displayName = String(form.get('displayName') ?? '').slice(0, 500);
		const channel = form.get('channel');
		if (channel !== 'room' && channel !== 'online') return fail(400, { profile: { displayName, error: 'channel' as const } });
		if (displayName.trim().length > DISPLAY_NAME_MAX) return fail(400, { profile: { displayName, error: 'name_too_long' as const } });
		await updateParticipant(participant.id, { displayName, channel }, deps());
		return { profile: { saved: true as const } };
	}
};
