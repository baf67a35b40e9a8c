import { m } from '#lib/paraglide/messages.js';
import { emitAck } from '#lib/client/socket.ts';
import type { LiveSession } from '#lib/client/live-session.svelte.ts';
import type { StageState } from '#lib/shared/stage.ts';
import type { Outcome } from '../stage-control.ts';
import { boardErrorMessage } from './board-errors.ts';

/**
 * Puts a board (seats left or the lottery result, B9) or a workshop's report-back (B10) on this
 * session's stage. The change names the version it was based on (ST1): on `stale_version` a
 * colleague changed the stage meanwhile, so the view fetches it anew and says so instead of
 * overwriting their choice.
 */
export async function showOnStage(
	live: LiveSession,
	sessionId: string,
	state: StageState,
	expectedVersion: number,
	describe: (s: StageState) => string
): Promise<Outcome> {
	const socket = live.socket;
	if (!socket?.connected) return { kind: 'error', text: boardErrorMessage('unavailable', 'stage') };
	const ack = await emitAck(socket, 'stage:set', { sessionId, state, expectedVersion });
	if (ack.ok) {
		live.applyStage(ack.data);
		return { kind: 'ok', text: m.mod_stage_set_ok({ mode: describe(ack.data.state), version: ack.data.version }) };
	}
	if (ack.error.code === 'stale_version') await live.refreshStage();
	return { kind: 'error', text: boardErrorMessage(ack.error.code, 'stage') };
}

/** Is this exactly what the stage shows? Then its button is pressed. */
export function isOnStage(now: StageState, wanted: StageState): boolean {
	if (now.mode === 'board' && wanted.mode === 'board') return now.boardId === wanted.boardId && now.view === wanted.view;
	if (now.mode === 'report' && wanted.mode === 'report') return now.sessionId === wanted.sessionId;
	return false;
}
