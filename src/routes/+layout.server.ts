import type { LayoutServerLoad } from './$types';

/** Only what every page needs reaches the browser: the signed-in user's name, not their email. */
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { name: locals.user.name, isAdmin: locals.user.isAdmin } : null
});
