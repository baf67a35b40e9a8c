import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deps } from '#lib/server/web/guard.ts';
import { hasAnyUser } from '#lib/server/auth/service.ts';
import { resolveJoinCode } from '#lib/server/events/join-codes.ts';
import { isJoinCode, normalizeJoinCode } from '#lib/shared/join-code.ts';

/** A fresh install has no account yet: the first visitor is the one setting it up. */
export const load: PageServerLoad = async () => {
	if (!(await hasAnyUser(deps()))) redirect(303, '/setup');
	return {};
};

export type JoinCodeError = 'empty' | 'format' | 'unknown';

export const actions: Actions = {
	/** "Join with a code": tolerant of case, spaces and dashes; the room is the default channel. */
	default: async ({ request }) => {
		const raw = String((await request.formData()).get('code') ?? '').slice(0, 40);
		const code = normalizeJoinCode(raw);
		const failWith = (error: JoinCodeError) => fail(400, { code: raw, error });
		if (code === '') return failWith('empty');
		if (!isJoinCode(code)) return failWith('format');
		if (!(await resolveJoinCode(deps().db, code))) return failWith('unknown');
		redirect(303, `/r/${code}`);
	}
};
