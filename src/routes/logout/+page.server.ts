import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { invalidateSession } from '#lib/server/auth/service.ts';
import { STAFF_COOKIE } from '#lib/server/realtime/handshake.ts';
import { deps } from '#lib/server/web/guard.ts';

/**
 * Logging out is a POST (a link or an image must not end a session). Deleting the session also
 * closes this login's open sockets (AU4).
 */
export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.authSession) await invalidateSession(locals.authSession.id, deps());
		cookies.delete(STAFF_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
