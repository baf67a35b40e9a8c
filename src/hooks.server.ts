import type { Handle, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { getRunning } from '#lib/server/registry.ts';
import { validateSessionToken } from '#lib/server/auth/service.ts';
import { STAFF_COOKIE } from '#lib/server/realtime/handshake.ts';
import { setStaffCookie } from '#lib/server/web/cookies.ts';

export const init: ServerInit = () => {
	// Fails loudly when the bundle is started without server.ts (e.g. `node build`).
	getRunning();
};

const i18n: Handle = ({ event, resolve }) =>
	// No URL-based locale strategy is configured, so the request needs no rewriting.
	paraglideMiddleware(event.request, ({ locale }) => {
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) });
	});

/** Staff login: the same validation the socket handshake uses (AU2). */
const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.authSession = null;
	// The JSON API authenticates by bearer token only (no CSRF surface); it never reads or
	// refreshes the login cookie.
	const token = event.url.pathname.startsWith('/api/') ? undefined : event.cookies.get(STAFF_COOKIE);
	if (token) {
		const res = await validateSessionToken(token, getRunning().app.deps);
		if (res) {
			event.locals.user = res.user;
			event.locals.authSession = res.session;
			setStaffCookie(event.cookies, token, res.session.expiresAt, event.url);
		} else event.cookies.delete(STAFF_COOKIE, { path: '/' });
	}
	return resolve(event);
};

/** The route of the stage overlay, the one page another site may frame when configured. */
const OVERLAY_ROUTE = '/stage/[sid]/[token]/overlay';

/**
 * Baseline security headers; the CSP itself comes from SvelteKit's `csp` option (vite.config.ts),
 * with `frame-ancestors 'none'`. The overlay alone may be framed by the origins in
 * OVERLAY_FRAME_ANCESTORS (S9).
 */
const headers: Handle = async ({ event, resolve }) => {
	const res = await resolve(event);
	const ancestors = getRunning().app.config.overlayFrameAncestors;
	const policy = res.headers.get('content-security-policy');
	if (event.route.id === OVERLAY_ROUTE && ancestors.length > 0 && policy)
		res.headers.set('content-security-policy', policy.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors.join(' ')}`));
	res.headers.set('x-content-type-options', 'nosniff');
	res.headers.set('referrer-policy', 'same-origin');
	if (event.url.protocol === 'https:') res.headers.set('strict-transport-security', 'max-age=31536000');
	return res;
};

export const handle = sequence(headers, i18n, auth);
