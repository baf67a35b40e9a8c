import { error, redirect } from '@sveltejs/kit';
import { getRunning } from '../registry.ts';
import { HTTP_STATUS, isAppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import type { User } from '../auth/service.ts';

/** The running app's dependencies, for load functions and actions. */
export function deps(): Deps {
	return getRunning().app.deps;
}

/** Sends a visitor without a staff login to the login page, and back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): User {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** Runs a domain call, turning its AppError into the matching HTTP error page. */
export async function orError<T>(p: Promise<T>): Promise<T> {
	try {
		return await p;
	} catch (e) {
		if (isAppError(e)) error(HTTP_STATUS[e.code], e.message, { code: e.code });
		throw e;
	}
}
