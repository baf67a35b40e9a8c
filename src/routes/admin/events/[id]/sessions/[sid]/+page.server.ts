import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { requireAccess } from '#lib/server/access/service.ts';
import { getEvent, getSession } from '#lib/server/events/service.ts';
import { getStage, rotateStageToken, stageTokenFor } from '#lib/server/stage/service.ts';
import { joinUrls } from '#lib/server/qr/service.ts';
import { getRunning } from '#lib/server/registry.ts';
import { formatJoinCode } from '#lib/shared/join-code.ts';

/**
 * Who may moderate this session: owner, moderator, or the lead of this very session. The
 * session must belong to the event in the URL, so one event's page never shows another's.
 */
async function moderation({ locals, url, params }: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(locals, url);
	const d = deps();
	const session = await orError(getSession(params.sid, d));
	if (session.eventId !== params.id) error(404, m.mod_session_not_found(), { code: 'not_found' });
	const access = await orError(requireAccess(user.id, params.id, 'session:moderate', d, params.sid));
	return { d, session, access };
}

export const load: PageServerLoad = async (event) => {
	const { d, session, access } = await moderation(event);
	const ev = await orError(getEvent(session.eventId, d));
	const token = await stageTokenFor(session.id, d);
	return {
		event: { id: ev.id, title: ev.title, joinCode: ev.joinCode },
		session: { id: session.id, title: session.title, kind: session.kind, startsAt: session.startsAt, endsAt: session.endsAt, room: session.room },
		role: access.role,
		joinCode: formatJoinCode(session.joinCode),
		joinUrls: joinUrls(d.publicOrigin, session.joinCode),
		stageUrl: `${d.publicOrigin}/stage/${session.id}/${token}`,
		// Renewing the stage link disrupts the projector: owners and moderators only.
		canRotate: access.role !== 'workshop_lead',
		stage: await getStage(session.id, d),
		presence: getRunning().realtime.ctx.presence.counts(session.id)
	};
};

export const actions: Actions = {
	/** New stage link: the old one stops working at once and screens showing it are told (ST3). */
	rotate: async (event) => {
		const { d, session, access } = await moderation(event);
		if (access.role === 'workshop_lead') return fail(403, { rotate: { ok: false as const } });
		await rotateStageToken(session.id, d);
		return { rotate: { ok: true as const } };
	}
};
