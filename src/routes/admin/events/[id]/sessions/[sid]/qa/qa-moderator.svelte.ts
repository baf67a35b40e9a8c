import { m } from '#lib/paraglide/messages.js';
import { emitAck } from '#lib/client/socket.ts';
import type { LiveSession } from '#lib/client/live-session.svelte.ts';
import type { QaFollower } from '#lib/client/qa-follower.svelte.ts';
import type { HideReason, ModerateAction, QaSettingsInput, StaffQuestion } from '#lib/shared/qa.ts';
import type { StageState } from '#lib/shared/stage.ts';
import type { Outcome } from '../stage-control.ts';
import { excerpt } from '../polls/format.ts';
import { qaErrorMessage } from './qa-errors.ts';
import { hideReasonLabel } from './qa-labels.ts';

/**
 * The moderator's Q&A actions over the view's staff socket (Q3, Q5, Q9). Each sets a state, so
 * none needs an idempotency key. The outcome of the last action is one sentence for the status
 * line; after a success the list is fetched at once instead of waiting for the next tick.
 */
export class QaModerator {
	/** What is in flight: 'settings', 'stage' or a question id; one action at a time. */
	busy = $state<string | null>(null);
	outcome = $state<Outcome | null>(null);
	readonly #live: LiveSession;
	readonly #follower: QaFollower;
	readonly #sessionId: string;

	constructor(live: LiveSession, follower: QaFollower, sessionId: string) {
		this.#live = live;
		this.#follower = follower;
		this.#sessionId = sessionId;
	}

	async settings(input: QaSettingsInput): Promise<boolean> {
		return this.#run('settings', async (socket) => {
			const ack = await emitAck(socket, 'qa:settings', { sessionId: this.#sessionId, ...input });
			if (!ack.ok) return this.#fail(qaErrorMessage(ack.error.code, 'settings'));
			if (input.enabled !== undefined) return this.#done(ack.data.enabled ? m.qamod_done_enabled() : m.qamod_done_disabled());
			return this.#done(ack.data.moderation === 'pre' ? m.qamod_done_pre() : m.qamod_done_post());
		});
	}

	async moderate(q: StaffQuestion, action: ModerateAction, reason?: HideReason): Promise<boolean> {
		return this.#run(q.id, async (socket) => {
			const ack = await emitAck(socket, 'qa:moderate', { questionId: q.id, action, ...(reason ? { reason } : {}) });
			if (!ack.ok) return this.#fail(qaErrorMessage(ack.error.code, action));
			const question = excerpt(q.text);
			switch (action) {
				case 'approve':
					return this.#done(m.qamod_done_approve({ question }));
				case 'hide':
					return this.#done(m.qamod_done_hide({ question, reason: hideReasonLabel(reason ?? 'other') }));
				case 'answer':
					return this.#done(m.qamod_done_answer({ question }));
				case 'reopen':
					return this.#done(m.qamod_done_reopen({ question }));
				case 'pin':
					return this.#done(m.qamod_done_pin({ question }));
				case 'unpin':
					return this.#done(m.qamod_done_unpin({ question }));
			}
		});
	}

	async reply(q: StaffQuestion, reply: string | null): Promise<boolean> {
		return this.#run(q.id, async (socket) => {
			const ack = await emitAck(socket, 'qa:reply', { questionId: q.id, reply });
			if (!ack.ok) return this.#fail(qaErrorMessage(ack.error.code, 'reply'));
			const question = excerpt(q.text);
			return this.#done(reply === null ? m.qamod_done_reply_removed({ question }) : m.qamod_done_reply_saved({ question }));
		});
	}

	/**
	 * Changes the stage, naming the version it was based on (ST1): on `stale_version` a colleague
	 * changed it meanwhile, so the view fetches the stage anew and says so instead of overwriting.
	 */
	async stage(state: StageState, expectedVersion: number, describe: (s: StageState) => string): Promise<boolean> {
		return this.#run('stage', async (socket) => {
			const ack = await emitAck(socket, 'stage:set', { sessionId: this.#sessionId, state, expectedVersion });
			if (ack.ok) {
				this.#live.applyStage(ack.data);
				return this.#done(m.mod_stage_set_ok({ mode: describe(ack.data.state), version: ack.data.version }));
			}
			if (ack.error.code === 'stale_version') await this.#live.refreshStage();
			return this.#fail(qaErrorMessage(ack.error.code, 'stage'));
		});
	}

	async #run(what: string, act: (socket: NonNullable<LiveSession['socket']>) => Promise<boolean>): Promise<boolean> {
		const socket = this.#live.socket;
		if (this.busy !== null) return false;
		this.outcome = null;
		if (!socket?.connected) return this.#fail(qaErrorMessage('unavailable', 'settings'));
		this.busy = what;
		try {
			const ok = await act(socket);
			// Done or refused: either way the list may have moved (a colleague, a deleted question).
			await this.#follower.refresh();
			return ok;
		} finally {
			this.busy = null;
		}
	}

	#done(text: string): true {
		this.outcome = { kind: 'ok', text };
		return true;
	}

	#fail(text: string): false {
		this.outcome = { kind: 'error', text };
		return false;
	}
}
