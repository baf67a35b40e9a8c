import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createOwner, createSession, hasAnyUser } from '#lib/server/auth/service.ts';
import { MIN_PASSWORD_LENGTH } from '#lib/server/auth/password.ts';
import { isAppError } from '#lib/server/errors.ts';
import { deps } from '#lib/server/web/guard.ts';
import { setStaffCookie } from '#lib/server/web/cookies.ts';
import { m } from '#lib/paraglide/messages.js';
import { readAccountForm } from '../admin/account-input.ts';

/** First start (AU1): the owner account is created here, and only while no account exists. */
export const load: PageServerLoad = async () => {
	if (await hasAnyUser(deps())) redirect(303, '/login');
	return { minPassword: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const d = deps();
		if (await hasAnyUser(d)) redirect(303, '/login');
		const { values, password, errors } = readAccountForm(await request.formData());
		if (Object.keys(errors).length > 0) return fail(400, { values, errors, error: '' });
		let userId: string;
		try {
			userId = (await createOwner({ ...values, password }, d)).id;
		} catch (e) {
			// Someone else finished the setup a moment earlier: there is an owner now, so log in.
			if (isAppError(e) && e.code === 'conflict') return fail(409, { values, errors: {}, error: m.admin_setup_taken() });
			throw e;
		}
		const { token, session } = await createSession(userId, d);
		setStaffCookie(cookies, token, session.expiresAt, url);
		redirect(303, '/admin');
	}
};
