import { fail, type ActionFailure } from '@sveltejs/kit';
import { HTTP_STATUS, isAppError } from '#lib/server/errors.ts';
import { appErrorMessage } from '../../../../action-error.ts';

/**
 * `attempt` (action-error.ts) for the board actions, where a `conflict` has one meaning per
 * action (the workshop is full, people are still signed up, the draw ran already…): the action
 * names it in words, so the organiser learns what to do rather than "something changed".
 * `conflict` may look at the board again to tell two causes apart.
 */
export async function attemptBoard<T, X extends Record<string, unknown>>(
	p: () => Promise<T>,
	extra: X,
	conflict: () => string | Promise<string>
): Promise<{ ok: true; value: T } | { ok: false; failure: ActionFailure<X & { error: string }> }> {
	try {
		return { ok: true, value: await p() };
	} catch (e) {
		if (!isAppError(e)) throw e;
		const error = e.code === 'conflict' ? await conflict() : appErrorMessage(e);
		return { ok: false, failure: fail(HTTP_STATUS[e.code], { ...extra, error }) };
	}
}
