import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { deps } from '#lib/server/web/guard.ts';
import { getSession } from '#lib/server/events/service.ts';
import { currentParticipant, resolveCodeOr404 } from '../../../participant.server.ts';
import { isLive, localNow } from '../../../live-now.ts';

/** One session for a participant; the realtime part (polls, questions) lives in the browser. */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const { event, session: codeSession } = await resolveCodeOr404(params.code, '/e', `/s/${params.sid}`);
	if (codeSession) redirect(303, `/e/${event.joinCode}/s/${params.sid}`);
	const session = await getSession(params.sid, deps()).catch(() => null);
	// Another event's session id answers exactly like an unknown one (S3).
	if (!session || session.eventId !== event.id) error(404, m.aud_session_unknown(), { code: 'unknown_session' });
	const participant = await currentParticipant(cookies, event.id);
	if (!participant) redirect(303, `/r/${session.joinCode}`);
	return {
		event: { id: event.id, title: event.title, joinCode: event.joinCode },
		session: {
			id: session.id,
			kind: session.kind,
			title: session.title,
			startsAt: session.startsAt,
			endsAt: session.endsAt,
			room: session.room,
			livestreamUrl: session.livestreamUrl,
			live: isLive(session, localNow(deps().clock.now(), event.timeZone))
		},
		participant: { channel: participant.channel }
	};
};
