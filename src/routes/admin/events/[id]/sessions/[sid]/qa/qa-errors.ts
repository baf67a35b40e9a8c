import { m } from '#lib/paraglide/messages.js';
import type { ErrorCode } from '#lib/shared/result.ts';

/** What the moderator was doing when something failed: the same code means different things. */
export type QaAttempt = 'settings' | 'approve' | 'hide' | 'answer' | 'reopen' | 'pin' | 'unpin' | 'reply' | 'stage';

/**
 * Every error code a Q&A action can end with, in words for the moderator. The server's English
 * message is for logs, never shown.
 */
export function qaErrorMessage(code: ErrorCode, attempt: QaAttempt): string {
	switch (code) {
		case 'forbidden':
			return m.qamod_error_forbidden();
		case 'not_found':
			return attempt === 'settings' ? m.qamod_error_session_gone() : m.qamod_error_question_gone();
		case 'conflict':
			if (attempt === 'pin') return m.qamod_error_pin_not_open();
			if (attempt === 'reopen') return m.qamod_error_reopen_not_answered();
			if (attempt === 'stage') return m.qamod_error_stage_hidden();
			return m.qamod_error_conflict();
		case 'stale_version':
			return m.qamod_error_stage_stale();
		case 'invalid_payload':
			return attempt === 'reply' ? m.qamod_error_reply_invalid() : m.qamod_error_invalid();
		case 'rate_limited':
			return m.qamod_error_rate_limited();
		case 'unavailable':
			return m.qamod_error_unavailable();
		case 'unauthenticated':
		case 'expired':
			return m.qamod_error_login();
		default:
			return m.qamod_error_generic();
	}
}
