import type { RequestHandler } from './$types';
import { AppError } from '#lib/server/errors.ts';
import { api, methodNotAllowed } from '#lib/server/api/handler.ts';
import { eventAccess } from '#lib/server/api/access.ts';
import { getEvent, listSessions } from '#lib/server/events/service.ts';
import { joinUrl, qrSvg } from '#lib/server/qr/service.ts';

/**
 * The QR code of a join link as SVG: `target` is the event id (the default) or one of its session
 * ids, `channel` is `room` (the default) or `online`.
 */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const { eventId } = event.params;
	await eventAccess(user.id, eventId, 'event:view', deps);
	const channel = event.url.searchParams.get('channel') ?? 'room';
	if (channel !== 'room' && channel !== 'online') throw new AppError('invalid_payload', 'channel: must be room or online');
	const target = event.url.searchParams.get('target') ?? eventId;
	let code: string;
	if (target === eventId) code = (await getEvent(eventId, deps)).joinCode;
	else {
		const session = (await listSessions(eventId, deps)).find((s) => s.id === target);
		if (!session) throw new AppError('not_found', 'target: no such session in this event');
		code = session.joinCode;
	}
	const svg = await qrSvg(joinUrl(deps.publicOrigin, code, channel));
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `inline; filename="plenum-${code}-${channel}.svg"`,
			'cache-control': 'no-store',
			// An SVG opened on its own is a document: it needs nothing, so it may load and run nothing.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
});

export const fallback = methodNotAllowed('GET');
