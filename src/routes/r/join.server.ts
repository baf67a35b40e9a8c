import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { deps } from '#lib/server/web/guard.ts';
import { setParticipantCookie } from '#lib/server/web/cookies.ts';
import { isAppError } from '#lib/server/errors.ts';
import { DISPLAY_NAME_MAX, joinEvent, participantCookieName, type Channel } from '#lib/server/participants/service.ts';
import { currentParticipant, participantHome, resolveCodeOr404 } from '../e/participant.server.ts';

/*
 * The join page behind /r/CODE (QR on the poster and the stage: "in the room") and /o/CODE
 * (link shared with the livestream: "online"). Both routes call these two functions; only the
 * channel the link preselects differs.
 */

type JoinEvent = Pick<RequestEvent<{ code: string }>, 'params' | 'cookies' | 'url'>;

const prefix = (channel: Channel) => (channel === 'room' ? '/r' : '/o');

export async function loadJoinPage({ params, cookies }: JoinEvent, linkChannel: Channel) {
	const { code, event, session } = await resolveCodeOr404(params.code, prefix(linkChannel));
	// Already joined this event in this browser: go straight on. The stored channel wins over the
	// link's; the person corrects it on the agenda page if it is wrong.
	if (await currentParticipant(cookies, event.id)) redirect(303, participantHome(event, session));
	return {
		code,
		channel: linkChannel,
		event: { title: event.title },
		session: session ? { title: session.title } : null,
		displayNameMax: DISPLAY_NAME_MAX
	};
}

export type JoinFormError = 'name_too_long';

export async function joinAction({ params, cookies, url, request }: JoinEvent & { request: Request }, linkChannel: Channel) {
	const { event, session } = await resolveCodeOr404(params.code, prefix(linkChannel));
	const home = participantHome(event, session);
	// A second submit (back button, double tap) must not create a second identity.
	if (await currentParticipant(cookies, event.id)) redirect(303, home);

	const form = await request.formData();
	const displayName = String(form.get('displayName') ?? '').slice(0, 500);
	const rawVia = form.get('via');
	const via: Channel = rawVia === 'room' || rawVia === 'online' ? rawVia : linkChannel;
	if (displayName.trim().length > DISPLAY_NAME_MAX) return fail(400, { displayName, via, error: 'name_too_long' as JoinFormError });

	try {
		const { token } = await joinEvent({ eventId: event.id, via, displayName }, deps());
		setParticipantCookie(cookies, participantCookieName(event.id), token, url);
	} catch (e) {
		if (isAppError(e) && e.code === 'invalid_payload') return fail(400, { displayName, via, error: 'name_too_long' as JoinFormError });
		if (isAppError(e) && e.code === 'not_found') error(404, m.aud_code_unknown(), { code: 'unknown_code' });
		throw e;
	}
	redirect(303, home);
}
