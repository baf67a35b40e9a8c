import { m } from '#lib/paraglide/messages.js';
import type { AckError } from '#lib/shared/result.ts';
import { QA_LIMITS, type Channel, type HideReason, type QuestionStatus } from '#lib/shared/qa.ts';

/** What a participant did when the server refused it; the same code reads differently per action. */
export type QaAction = 'ask' | 'edit' | 'delete' | 'upvote';

/** A server's pause in milliseconds as whole seconds for people, never "0 seconds". */
export function waitSeconds(retryAfterMs: number | undefined): number {
	return Math.max(1, Math.ceil((retryAfterMs ?? 5000) / 1000));
}

/**
 * A refusal in the participant's language, chosen by the ack's code (never the server's English
 * message). `closed` says whether the session's Q&A is switched off, the usual `conflict`.
 */
export function problemText(action: QaAction, e: AckError, closed: boolean): string {
	const question = action === 'ask' || action === 'edit';
	switch (e.code) {
		case 'rate_limited':
			return action === 'upvote'
				? m.qaaud_error_rate_limited_upvote({ seconds: waitSeconds(e.retryAfterMs) })
				: m.qaaud_error_rate_limited({ seconds: waitSeconds(e.retryAfterMs) });
		case 'conflict':
			if (action === 'ask' || action === 'upvote' || closed) return m.qaaud_error_closed();
			return m.qaaud_error_answered();
		case 'invalid_payload':
			return question ? m.qaaud_error_invalid({ max: QA_LIMITS.textLength }) : m.qaaud_error_failed();
		case 'not_found':
			return action === 'ask' ? m.qaaud_error_session_gone() : m.qaaud_error_question_gone();
		case 'unavailable':
			return m.qaaud_error_unavailable();
		default:
			return m.qaaud_error_failed();
	}
}

/** Transparent moderation (Q5): why the moderator hid the participant's question. */
export function hideReasonText(reason: HideReason | null): string {
	if (!reason) return m.qaaud_state_hidden();
	const text = {
		off_topic: m.qaaud_reason_off_topic(),
		duplicate: m.qaaud_reason_duplicate(),
		offensive: m.qaaud_reason_offensive(),
		personal_data: m.qaaud_reason_personal_data(),
		other: m.qaaud_reason_other()
	}[reason];
	return m.qaaud_state_hidden_reason({ reason: text });
}

/**
 * The state of an own question in words. A question held by the word list is simply "waiting for
 * approval": the asker is not told that a filter caught it.
 */
export function stateText(status: QuestionStatus, reason: HideReason | null): string {
	if (status === 'hidden') return hideReasonText(reason);
	return { pending: m.qaaud_state_pending(), approved: m.qaaud_state_approved(), answered: m.qaaud_state_answered() }[status];
}

/** Room or online in words (the mark must not be a colour only). */
export function channelText(channel: Channel): string {
	return channel === 'room' ? m.qaaud_channel_room() : m.qaaud_channel_online();
}
