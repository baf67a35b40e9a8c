import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { deps } from '#lib/server/web/guard.ts';
import { resolveJoinCode } from '#lib/server/events/join-codes.ts';
import { joinUrl, qrSvg } from '#lib/server/qr/service.ts';
import { isJoinCode, normalizeJoinCode } from '#lib/shared/join-code.ts';

/**
 * QR code of a join link as SVG: `/qr/CODE/room.svg` (poster, stage) or `/qr/CODE/online.svg`.
 * Served as an image, never inlined into a page; the link inside is built from the configured public origin,
 * never from the request, so a spoofed Host header cannot put a foreign address on a poster.
 */
export const GET: RequestHandler = async ({ params }) => {
	const channel = params.channel;
	if (channel !== 'room' && channel !== 'online') error(404, 'unknown channel');
	const code = normalizeJoinCode(params.code);
	if (!isJoinCode(code) || !(await resolveJoinCode(deps().db, code))) error(404, 'unknown code');
	const svg = await qrSvg(joinUrl(deps().publicOrigin, code, channel));
	return new Response(svg, {
		headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' }
	});
};
