import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { requireAccess } from '#lib/server/access/service.ts';
import { getSession } from '#lib/server/events/service.ts';

interface ModerationRequest {
	locals: App.Locals;
	url: URL;
	params: { id: string; sid: string };
}

/**
 * Who may moderate this session: owner, moderator, or the lead of this very session. The
 * session must belong to the event in the URL, so one event's page never shows another's.
 * Shared by the page, its form actions and the answers endpoint.
 */
export async function moderation({ locals, url, params }: ModerationRequest) {
	const user = requireUser(locals, url);
	const d = deps();
	const session = await orError(getSession(params.sid, d));
	if (session.eventId !== params.id) error(404, m.mod_session_not_found(), { code: 'not_found' });
	const access = await orError(requireAccess(user.id, params.id, 'session:moderate', d, params.sid));
	return { d, user, session, access };
}
