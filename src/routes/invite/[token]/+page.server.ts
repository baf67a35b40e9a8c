import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { MIN_PASSWORD_LENGTH } from '#lib/server/auth/password.ts';
import { SESSION_TTL_MS } from '#lib/server/auth/service.ts';
import { getEvent, listSessions } from '#lib/server/events/service.ts';
import { isAppError } from '#lib/server/errors.ts';
import { acceptInvite, peekInvite, type InviteRecord } from '#lib/server/invites/service.ts';
import { deps } from '#lib/server/web/guard.ts';
import { setStaffCookie } from '#lib/server/web/cookies.ts';
import { m } from '#lib/paraglide/messages.js';
import { readAccountForm } from '../../admin/account-input.ts';

/** Looks the invite up; an unknown one is a 404, a used or expired one a 410, both in plain words. */
async function openInvite(token: string): Promise<InviteRecord> {
	try {
		return await peekInvite(token, deps());
	} catch (e) {
		if (isAppError(e) && e.code === 'not_found') error(404, m.admin_invite_unknown());
		if (isAppError(e) && e.code === 'expired') error(410, m.admin_invite_gone());
		throw e;
	}
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const inv = await openInvite(params.token);
	const event = await getEvent(inv.eventId, deps());
	const sessions = inv.sessionIds.length > 0 ? (await listSessions(inv.eventId, deps())).filter((s) => inv.sessionIds.includes(s.id)) : [];
	return {
		invite: { eventTitle: inv.eventTitle, role: inv.role, expiresAt: inv.expiresAt, timeZone: event.timeZone, sessionTitles: sessions.map((s) => s.title) },
		me: locals.user ? { name: locals.user.name } : null,
		loginHref: `/login?next=${encodeURIComponent(url.pathname)}`,
		minPassword: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	/** A signed-in person takes the invite with their existing account. */
	accept: async ({ params, locals }) => {
		if (!locals.user) return fail(401, { action: 'accept' as const, error: m.admin_invite_login_first() });
		let eventId: string;
		try {
			eventId = (await acceptInvite(params.token, { existingUserId: locals.user.id }, deps())).eventId;
		} catch (e) {
			if (isAppError(e) && (e.code === 'expired' || e.code === 'not_found')) return fail(410, { action: 'accept' as const, error: m.admin_invite_gone() });
			throw e;
		}
		redirect(303, `/admin/events/${eventId}`);
	},

	/** Someone new creates their account with the invite and is logged in right away. */
	register: async ({ params, request, cookies, url }) => {
		const { values, password, errors } = readAccountForm(await request.formData());
		if (Object.keys(errors).length > 0) return fail(400, { action: 'register' as const, values, errors, error: '' });
		let res: Awaited<ReturnType<typeof acceptInvite>>;
		try {
			res = await acceptInvite(params.token, { ...values, password }, deps());
		} catch (e) {
			if (isAppError(e) && e.code === 'conflict')
				return fail(409, { action: 'register' as const, values, errors: { email: m.admin_invite_email_taken() }, error: '' });
			if (isAppError(e) && (e.code === 'expired' || e.code === 'not_found'))
				return fail(410, { action: 'register' as const, values, errors: {}, error: m.admin_invite_gone() });
			throw e;
		}
		if (res.sessionToken) setStaffCookie(cookies, res.sessionToken, Date.now() + SESSION_TTL_MS, url);
		redirect(303, `/admin/events/${res.eventId}`);
	}
};
