import { m } from '#lib/paraglide/messages.js';
import type { ErrorCode } from '#lib/shared/result.ts';

/** What was being done when something failed: the same code means different things. */
export type BoardAttempt = 'report' | 'stage';

/**
 * Every error code saving a report-back or changing the stage can end with, in words for the
 * moderator or lead. The server's English message is for logs, never shown.
 */
export function boardErrorMessage(code: ErrorCode, attempt: BoardAttempt): string {
	switch (code) {
		case 'forbidden':
			return m.boardmod_error_forbidden();
		case 'not_found':
			return attempt === 'report' ? m.boardmod_error_report_gone() : m.boardmod_error_stage_gone();
		case 'stale_version':
			return m.boardmod_error_stage_stale();
		case 'conflict':
			return m.boardmod_error_conflict();
		case 'invalid_payload':
			return m.boardmod_error_invalid();
		case 'rate_limited':
			return m.boardmod_error_rate_limited();
		case 'unavailable':
			return m.boardmod_error_unavailable();
		case 'unauthenticated':
		case 'expired':
			return m.boardmod_error_login();
		default:
			return m.boardmod_error_generic();
	}
}
