import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { hasAnyUser, login } from '#lib/server/auth/service.ts';
import { isAppError } from '#lib/server/errors.ts';
import { deps } from '#lib/server/web/guard.ts';
import { setStaffCookie } from '#lib/server/web/cookies.ts';
import { m } from '#lib/paraglide/messages.js';
import { safeNext } from './safe-next.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	// Before the first account exists there is nobody to log in: send people to the setup.
	if (!(await hasAnyUser(deps()))) redirect(303, '/setup');
	return { next };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? ''));
		if (email === '' || password === '') return fail(400, { email, error: m.admin_login_missing() });
		try {
			const res = await login({ email, password, ip: getClientAddress() }, deps());
			setStaffCookie(cookies, res.token, res.session.expiresAt, url);
		} catch (e) {
			if (isAppError(e) && e.code === 'rate_limited') {
				const minutes = Math.max(1, Math.ceil((e.retryAfterMs ?? 60_000) / 60_000));
				return fail(429, { email, error: m.admin_login_rate_limited({ minutes }) });
			}
			if (isAppError(e) && e.code === 'unauthenticated') return fail(400, { email, error: m.admin_login_wrong() });
			throw e;
		}
		redirect(303, next);
	}
};
