import { fail, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/access/service.ts';
import { createSession, deleteSession, moveSession } from '#lib/server/events/service.ts';
import { rotateStageToken } from '#lib/server/stage/service.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { m } from '#lib/paraglide/messages.js';
import { attempt } from '../../action-error.ts';
import { readSessionForm } from '../form-input.ts';
import { sessionOfEvent } from './session-of-event.ts';

type Ev = RequestEvent<{ id: string }>;

/** The agenda: add, delete and reorder sessions (owner), and renew a stage link (owner, moderator). */
export const agendaActions = {
	addSession: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const parsed = readSessionForm(await request.formData());
		if (!parsed.ok) return fail(400, { action: 'addSession' as const, values: parsed.values, errors: parsed.errors, error: '' });
		const res = await attempt(() => createSession(params.id, parsed.data, user.id, deps()), {
			action: 'addSession' as const,
			values: parsed.values,
			errors: {}
		});
		if (!res.ok) return res.failure;
		return { action: 'addSession' as const, message: m.admin_session_added({ title: res.value.title }) };
	},

	deleteSession: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const d = deps();
		const res = await attempt(
			async () => {
				const s = await sessionOfEvent(form.get('sessionId'), params.id, d);
				await deleteSession(s.id, user.id, d);
				return s;
			},
			{ action: 'agenda' as const }
		);
		if (!res.ok) return res.failure;
		return { action: 'agenda' as const, message: m.admin_session_deleted({ title: res.value.title }) };
	},

	move: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const direction = form.get('direction');
		if (direction !== 'up' && direction !== 'down') return fail(400, { action: 'agenda' as const, error: m.admin_error_invalid() });
		const d = deps();
		const res = await attempt(
			async () => {
				const s = await sessionOfEvent(form.get('sessionId'), params.id, d);
				const order = await moveSession(s.id, direction, user.id, d);
				return { title: s.title, position: order.findIndex((x) => x.id === s.id) + 1, count: order.length };
			},
			{ action: 'agenda' as const }
		);
		if (!res.ok) return res.failure;
		return { action: 'agenda' as const, message: m.admin_session_moved({ ...res.value }) };
	},

	/** A new stage link invalidates the old one at once (ST3), e.g. after it leaked. Not for workshop leads. */
	rotateStage: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const d = deps();
		const res = await attempt(
			async () => {
				const s = await sessionOfEvent(form.get('sessionId'), params.id, d);
				const access = await requireAccess(user.id, params.id, 'session:moderate', d, s.id);
				if (access.role === 'workshop_lead') throw new AppError('forbidden', 'workshop leads cannot renew stage links');
				await rotateStageToken(s.id, d);
				return s;
			},
			{ action: 'agenda' as const }
		);
		if (!res.ok) return res.failure;
		return { action: 'agenda' as const, message: m.admin_stage_rotated({ title: res.value.title }) };
	}
};
