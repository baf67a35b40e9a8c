import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { deleteEvent, updateEvent } from '#lib/server/events/service.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { m } from '#lib/paraglide/messages.js';
import { attempt } from '../../action-error.ts';
import { readEventForm } from '../form-input.ts';

type Ev = RequestEvent<{ id: string }>;

/** Editing and deleting the event itself (owner only; the domain checks `event:manage`). */
export const eventActions = {
	update: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const parsed = readEventForm(await request.formData());
		if (!parsed.ok) return fail(400, { action: 'update' as const, values: parsed.values, errors: parsed.errors, error: '' });
		const res = await attempt(() => updateEvent(params.id, parsed.data, user.id, deps()), { action: 'update' as const, values: parsed.values, errors: {} });
		if (!res.ok) return res.failure;
		return { action: 'update' as const, message: m.admin_event_saved() };
	},

	/** Deleting removes every participant, poll and question: the form demands an explicit confirmation. */
	delete: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		if (form.get('confirm') !== 'yes') return fail(400, { action: 'delete' as const, error: m.admin_event_delete_confirm_missing() });
		const res = await attempt(() => deleteEvent(params.id, user.id, deps()), { action: 'delete' as const });
		if (!res.ok) return res.failure;
		redirect(303, '/admin');
	}
};
