import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createApiToken, listApiTokens, revokeApiToken } from '#lib/server/api-tokens/service.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { m } from '#lib/paraglide/messages.js';
import { attempt } from '../action-error.ts';

/** Personal API tokens for the JSON API; each acts with its creator's rights (AT1). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { tokens: await listApiTokens(user.id, deps()) };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const name = String((await request.formData()).get('name') ?? '').trim();
		if (name === '') return fail(400, { action: 'create' as const, name, error: m.admin_error_required() });
		if (name.length > 100) return fail(400, { action: 'create' as const, name, error: m.admin_error_too_long({ max: 100 }) });
		const res = await attempt(() => createApiToken(name, user.id, deps()), { action: 'create' as const, name });
		if (!res.ok) return res.failure;
		// The only moment the token exists in clear text: it is stored as a hash.
		return { action: 'create' as const, created: { name: res.value.record.name, token: res.value.token } };
	},

	revoke: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await attempt(() => revokeApiToken(id, user.id, deps()), { action: 'revoke' as const });
		if (!res.ok) return res.failure;
		return { action: 'revoke' as const, message: m.admin_token_revoked() };
	}
};
