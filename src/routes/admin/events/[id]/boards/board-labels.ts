import { m } from '#lib/paraglide/messages.js';
import type { BoardMode, BoardState } from '#lib/shared/boards.ts';

/** The closed sets of a board in words, in the current language. */
export function modeLabel(mode: BoardMode): string {
	return mode === 'lottery' ? m.boardorg_mode_lottery_short() : m.boardorg_mode_fcfs_short();
}

export function stateLabel(state: BoardState): string {
	switch (state) {
		case 'open':
			return m.boardorg_state_open();
		case 'closed':
			return m.boardorg_state_closed();
		default:
			return m.boardorg_state_draft();
	}
}
