import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { deps } from '#lib/server/web/guard.ts';
import { getRunning } from '#lib/server/registry.ts';
import { verifyStageToken, getStage } from '#lib/server/stage/service.ts';
import { getEvent, getSession } from '#lib/server/events/service.ts';
import { formatJoinCode } from '#lib/shared/join-code.ts';

/**
 * The stage screen: no login, the token in the link is the key (ST3). Everything the first
 * paint needs is rendered here, including the persisted stage state and the current counts, so
 * a projector shows the right screen even before its socket is up.
 */
export const load: PageServerLoad = async ({ params }) => {
	const d = deps();
	const ok = await verifyStageToken(params.sid, params.token, d);
	if (!ok) error(404, 'invalid stage link', { code: 'invalid_stage_link' });
	const session = await getSession(params.sid, d);
	const event = await getEvent(session.eventId, d);
	const code = session.joinCode;
	return {
		sessionId: session.id,
		stageToken: params.token,
		// The projector speaks the event's language, whoever opened the link.
		locale: event.defaultLocale,
		title: session.title,
		eventTitle: event.title,
		joinCode: formatJoinCode(code),
		qrUrl: `/qr/${code}/room.svg`,
		shortUrl: `${new URL(d.publicOrigin).host}/r/${code}`,
		stage: await getStage(session.id, d),
		presence: getRunning().realtime.ctx.presence.counts(session.id)
	};
};
