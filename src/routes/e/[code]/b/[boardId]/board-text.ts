import { m } from '#lib/paraglide/messages.js';
import type { AckError } from '#lib/shared/result.ts';
import type { PublicBoard, PublicWorkshop } from '#lib/shared/boards.ts';
import { dateFormat } from '#lib/shared/intl.ts';

/*
 * A workshop board in words for phones (and the agenda's links to it): states, seats, refusals.
 * Numbers and states are always spelled out, never left to a colour.
 */

type BoardPhase = Pick<PublicBoard, 'state' | 'mode' | 'drawnAt' | 'lotteryDeadline'>;

/** A lottery board before its draw: choices are ranked until the deadline, seats are not taken yet (B6). */
export function beforeDraw(b: Pick<PublicBoard, 'mode' | 'drawnAt'>): boolean {
	return b.mode === 'lottery' && b.drawnAt === null;
}

/** Whether a participant may rank now; the server has the last word (its clock decides). */
export function rankingOpen(b: BoardPhase, now: number): boolean {
	return b.state === 'open' && beforeDraw(b) && b.lotteryDeadline !== null && now < b.lotteryDeadline;
}

/** Whether seats can be taken, given up and switched now: first come, first served, or after the draw. */
export function claimsOpen(b: BoardPhase): boolean {
	return b.state === 'open' && !beforeDraw(b);
}

export function boardStateText(b: BoardPhase, now: number): string {
	if (b.state === 'draft') return m.boardaud_state_draft();
	if (b.state === 'closed') return m.boardaud_state_closed();
	if (rankingOpen(b, now)) return m.boardaud_state_ranking();
	if (beforeDraw(b)) return m.boardaud_state_awaiting_draw();
	return b.mode === 'lottery' ? m.boardaud_state_drawn_open() : m.boardaud_state_open();
}

/** „3 von 20 Plätzen frei“, „Ausgebucht – Warteliste: 4“. */
export function seatsText(w: Pick<PublicWorkshop, 'seatsLeft' | 'capacity' | 'waitlisted'>): string {
	if (w.seatsLeft > 0) return m.boardaud_seats_left({ left: w.seatsLeft, capacity: w.capacity });
	return w.waitlisted > 0 ? m.boardaud_seats_full_waitlist({ count: w.waitlisted }) : m.boardaud_seats_full();
}

/** The deadline in the event's own time zone, with the zone's name for people following online from elsewhere. */
export function formatDeadline(epochMs: number, timeZone: string, locale: string): string {
	return dateFormat(locale, {
		timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		hour: '2-digit',
		minute: '2-digit',
		timeZoneName: 'short'
	}).format(epochMs);
}

export type BoardAction = 'claim' | 'cancel' | 'rank';

/**
 * A refusal in the participant's language, chosen by the ack's code and what the board looks like
 * now (never the server's English message). Codes the follower retries by itself (unavailable)
 * never get here: those actions are shown as kept instead.
 */
export function problemText(action: BoardAction, e: AckError, board: PublicBoard | null): string {
	switch (e.code) {
		case 'conflict':
			if (action === 'rank') return m.boardaud_error_ranking_ended();
			if (board && board.state === 'open' && beforeDraw(board)) return m.boardaud_error_lottery();
			return m.boardaud_error_closed();
		case 'not_found':
			return m.boardaud_error_not_found();
		case 'invalid_payload':
			return action === 'rank' ? m.boardaud_error_invalid_choices() : m.boardaud_error_failed();
		case 'unavailable':
		case 'internal':
		case 'rate_limited':
			return m.boardaud_kept();
		default:
			return m.boardaud_error_failed();
	}
}
