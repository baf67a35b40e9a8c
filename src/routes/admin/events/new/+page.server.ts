import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createEvent } from '#lib/server/events/service.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { m } from '#lib/paraglide/messages.js';
import { attempt } from '../../action-error.ts';
import { readEventForm } from '../form-input.ts';

/** Only an administrator creates events (AC1); the form is not even shown to others. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	if (!user.isAdmin) error(403, m.admin_error_only_admin());
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const parsed = readEventForm(await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, error: '' });
		const res = await attempt(() => createEvent(parsed.data, { userId: user.id, isAdmin: user.isAdmin }, deps()), { values: parsed.values, errors: {} });
		if (!res.ok) return res.failure;
		redirect(303, `/admin/events/${res.value.id}`);
	}
};
