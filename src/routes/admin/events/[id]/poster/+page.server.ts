import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { requireAccess } from '#lib/server/access/service.ts';
import { getEvent, getSession } from '#lib/server/events/service.ts';
import { formatJoinCode } from '#lib/shared/join-code.ts';

/**
 * Printable A4 poster for the event (`/poster`) or one session (`?session=<id>`), for the room
 * (default; QR of /r/CODE) or for the livestream (`&channel=online`; QR of /o/CODE). It speaks
 * the event's language, whoever prints it.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const d = deps();
	await orError(requireAccess(user.id, params.id, 'event:view', d));
	const event = await orError(getEvent(params.id, d));
	const sessionId = url.searchParams.get('session');
	const session = sessionId ? await getSession(sessionId, d).catch(() => null) : null;
	if (sessionId && (!session || session.eventId !== event.id)) error(404, m.poster_session_not_found(), { code: 'not_found' });
	const channel = url.searchParams.get('channel') === 'online' ? ('online' as const) : ('room' as const);
	const code = session?.joinCode ?? event.joinCode;
	const host = new URL(d.publicOrigin).host;
	return {
		locale: event.defaultLocale,
		channel,
		eventId: event.id,
		sessionId: session?.id ?? null,
		title: session?.title ?? event.title,
		eventTitle: session ? event.title : null,
		joinCode: formatJoinCode(code),
		host,
		shortUrl: `${host}/${channel === 'room' ? 'r' : 'o'}/${code}`,
		qrUrl: `/qr/${code}/${channel}.svg`,
		// Back to where a poster is usually opened from: the moderation view or the event page.
		backUrl: session ? `/admin/events/${event.id}/sessions/${session.id}` : `/admin/events/${event.id}`
	};
};
