import { fail, type ActionFailure } from '@sveltejs/kit';
import { HTTP_STATUS, isAppError, type AppError } from '#lib/server/errors.ts';
import { m } from '#lib/paraglide/messages.js';

/** The domain's error codes in words for the person at the form, in their language. */
export function appErrorMessage(e: AppError): string {
	switch (e.code) {
		case 'forbidden':
			return m.admin_error_forbidden();
		case 'not_found':
			return m.admin_error_not_found();
		case 'expired':
			return m.admin_error_expired();
		case 'invalid_payload':
			return m.admin_error_invalid();
		case 'conflict':
		case 'stale_version':
			return m.admin_error_conflict();
		default:
			return m.admin_error_generic();
	}
}

/**
 * Runs a domain call inside a form action. An expected failure (AppError) becomes
 * `fail(status, { ...extra, error })` so the page shows the message next to the form that was
 * sent; anything else is a bug and propagates to SvelteKit's error handling.
 */
export async function attempt<T, X extends Record<string, unknown>>(
	p: () => Promise<T>,
	extra: X
): Promise<{ ok: true; value: T } | { ok: false; failure: ActionFailure<X & { error: string }> }> {
	try {
		return { ok: true, value: await p() };
	} catch (e) {
		if (isAppError(e)) return { ok: false, failure: fail(HTTP_STATUS[e.code], { ...extra, error: appErrorMessage(e) }) };
		throw e;
	}
}
