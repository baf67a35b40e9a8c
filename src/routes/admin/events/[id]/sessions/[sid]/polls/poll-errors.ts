import { m } from '#lib/paraglide/messages.js';
import type { ErrorCode } from '#lib/shared/result.ts';

/** What the moderator was doing when something failed: the same code means different things. */
export type PollAttempt = 'save' | 'edit' | 'list' | 'open' | 'close' | 'reset' | 'visibility' | 'moderate' | 'load';

/**
 * Every error code a poll operation can end with, in words for the moderator (form actions
 * and socket acks alike). The server's English message is for logs, never shown.
 */
export function pollErrorMessage(code: ErrorCode, attempt: PollAttempt): string {
	switch (code) {
		case 'forbidden':
			return m.pollmod_error_forbidden();
		case 'not_found':
			return attempt === 'moderate' ? m.pollmod_error_answer_gone() : m.pollmod_error_not_found();
		case 'conflict':
		case 'stale_version':
			if (attempt === 'edit') return m.pollmod_error_edit_not_draft();
			if (attempt === 'open') return m.pollmod_error_open_closed();
			if (attempt === 'close') return m.pollmod_error_close_not_open();
			return m.pollmod_error_conflict();
		case 'poll_closed':
			return m.pollmod_error_poll_closed();
		case 'invalid_payload':
			return m.pollmod_error_invalid();
		case 'rate_limited':
			return m.pollmod_error_rate_limited();
		case 'unavailable':
			return m.pollmod_error_unavailable();
		case 'unauthenticated':
		case 'expired':
			return m.pollmod_error_login();
		default:
			return m.pollmod_error_generic();
	}
}
