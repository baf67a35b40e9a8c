import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

/** Stores the chosen language in Paraglide's cookie (strictly necessary: it is the user's choice). */
export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = form.get('locale') === 'en' ? 'en' : 'de';
		cookies.set('PARAGLIDE_LOCALE', locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
		const next = String(form.get('next') ?? '/');
		// Only local paths: an open redirect would let a link bounce people to another host.
		redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
	}
};
