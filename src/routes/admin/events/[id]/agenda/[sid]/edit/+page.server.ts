import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAccess } from '#lib/server/access/service.ts';
import { getEvent, updateSession } from '#lib/server/events/service.ts';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { attempt } from '../../../../../action-error.ts';
import { readSessionForm } from '../../../../form-input.ts';
import { sessionOfEvent } from '../../../session-of-event.ts';

/** Editing one agenda session (owner only). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const d = deps();
	await orError(requireAccess(user.id, params.id, 'event:manage', d));
	const event = await orError(getEvent(params.id, d));
	const session = await orError(sessionOfEvent(params.sid, params.id, d));
	return { event: { id: event.id, title: event.title, timeZone: event.timeZone }, session };
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		const user = requireUser(locals, url);
		const parsed = readSessionForm(await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, error: '' });
		const d = deps();
		const res = await attempt(
			async () => {
				const s = await sessionOfEvent(params.sid, params.id, d);
				return updateSession(s.id, parsed.data, user.id, d);
			},
			{ values: parsed.values, errors: {} }
		);
		if (!res.ok) return res.failure;
		redirect(303, `/admin/events/${params.id}#session-${params.sid}`);
	}
};
