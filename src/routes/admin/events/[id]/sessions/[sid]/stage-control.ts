import { m } from '#lib/paraglide/messages.js';
import { emitAck } from '#lib/client/socket.ts';
import type { LiveSession } from '#lib/client/live-session.svelte.ts';
import type { StageState } from '#lib/shared/stage.ts';
import { pollErrorMessage } from './polls/poll-errors.ts';

export interface Outcome {
	kind: 'ok' | 'error';
	text: string;
}

/**
 * Changes what the stage shows. The change names the version it was based on, so a moderator
 * never overwrites a colleague's newer choice unknowingly: on `stale_version` the view refreshes
 * the stage state and says so. Used by the stage panel and the poll controls alike.
 */
export async function setStage(
	live: LiveSession,
	sessionId: string,
	state: StageState,
	expectedVersion: number,
	describe: (s: StageState) => string
): Promise<Outcome> {
	const socket = live.socket;
	if (!socket) return { kind: 'error', text: pollErrorMessage('unavailable', 'load') };
	const ack = await emitAck(socket, 'stage:set', { sessionId, state, expectedVersion });
	if (ack.ok) {
		live.applyStage(ack.data);
		return { kind: 'ok', text: m.mod_stage_set_ok({ mode: describe(ack.data.state), version: ack.data.version }) };
	}
	if (ack.error.code === 'stale_version') {
		await live.refreshStage();
		return { kind: 'error', text: m.mod_stage_stale() };
	}
	return { kind: 'error', text: pollErrorMessage(ack.error.code, 'load') };
}
