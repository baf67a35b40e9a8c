import { fail, type RequestEvent } from '@sveltejs/kit';
import { createInvite, removeMember, revokeInvite, type InviteRole } from '#lib/server/invites/service.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { m } from '#lib/paraglide/messages.js';
import { attempt } from '../../action-error.ts';

type Ev = RequestEvent<{ id: string }>;

/** Inviting moderators and workshop leads, revoking invites and removing members (owner only). */
export const teamActions = {
	invite: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const role = form.get('role');
		const sessionIds = form.getAll('sessionIds').filter((v): v is string => typeof v === 'string');
		const values = { role: typeof role === 'string' ? role : '', sessionIds };
		if (role !== 'moderator' && role !== 'workshop_lead')
			return fail(400, { action: 'invite' as const, values, errors: { role: m.admin_error_invalid_choice() }, error: '' });
		if (role === 'workshop_lead' && sessionIds.length === 0)
			return fail(400, { action: 'invite' as const, values, errors: { sessionIds: m.admin_invite_sessions_required() }, error: '' });
		const d = deps();
		const res = await attempt(() => createInvite({ eventId: params.id, role: role as InviteRole, sessionIds }, user.id, d), {
			action: 'invite' as const,
			values,
			errors: {}
		});
		if (!res.ok) return res.failure;
		// The token exists only in this response: it is stored hashed and cannot be shown again.
		return { action: 'invite' as const, inviteUrl: `${d.publicOrigin}/invite/${res.value.token}`, expiresAt: res.value.invite.expiresAt, role };
	},

	revokeInvite: async ({ request, locals, url }: Ev) => {
		const user = requireUser(locals, url);
		const id = (await request.formData()).get('inviteId');
		const res = await attempt(() => revokeInvite(typeof id === 'string' ? id : '', user.id, deps()), { action: 'team' as const });
		if (!res.ok) return res.failure;
		return { action: 'team' as const, message: m.admin_invite_revoked() };
	},

	removeMember: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const memberId = form.get('userId');
		const name = String(form.get('name') ?? '');
		if (typeof memberId !== 'string' || memberId === user.id) return fail(400, { action: 'team' as const, error: m.admin_error_invalid() });
		const res = await attempt(() => removeMember(params.id, memberId, user.id, deps()), { action: 'team' as const });
		if (!res.ok) return res.failure;
		return { action: 'team' as const, message: m.admin_member_removed({ name }) };
	}
};
