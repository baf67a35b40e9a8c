import type { Ack, AckError } from '#lib/shared/result.ts';
import { QA_RETRY_CODES, type QaFollower } from '#lib/client/qa-follower.svelte.ts';
import { waitSeconds } from './qa-text.ts';

/** Codes after which the Q&A follower keeps an action and sends it again with the same key: not refused, only not sent yet. */
const KEPT_CODES = QA_RETRY_CODES;

/**
 * - idle: nothing under way (a refusal may be shown)
 * - sending: sent, waiting for the acknowledgement
 * - kept: not answered (offline, server busy, rate limited); the follower sends it again by itself
 */
export type SendPhase = 'idle' | 'sending' | 'kept';

export interface SendingOptions<T> {
	/** Whether the follower still holds this form's action unanswered. */
	kept(): boolean;
	/** After a kept action was answered on a resend (its answer went to the follower): what came of it, or null if nothing did. */
	confirm(): Promise<T | null>;
	/** The refusal in words. */
	describe(e: AckError): string;
	/** Shown when a kept action left no trace after its resend. */
	lost(): string;
	done(result: T): void;
}

/**
 * One form's action (ask or edit) until the server has answered it: the form keeps its text all
 * that time, also across a lost connection, and learns the outcome when a resend settles it.
 */
export class QaSending<T> {
	phase = $state<SendPhase>('idle');
	/** A refusal to show, already translated. */
	problem = $state<string | null>(null);
	/** Seconds the server asked to wait (rate limit); null when the action waits for the connection. */
	wait = $state<number | null>(null);
	readonly #o: SendingOptions<T>;

	constructor(o: SendingOptions<T>) {
		this.#o = o;
	}

	get busy(): boolean {
		return this.phase !== 'idle';
	}

	async send(act: () => Promise<Ack<T>>): Promise<void> {
		this.phase = 'sending';
		this.problem = null;
		this.wait = null;
		const ack = await act();
		if (ack.ok) return this.#finish(ack.data);
		if (KEPT_CODES.includes(ack.error.code) || this.#o.kept()) {
			this.wait = ack.error.code === 'rate_limited' ? waitSeconds(ack.error.retryAfterMs) : null;
			this.phase = 'kept';
			return;
		}
		this.phase = 'idle';
		this.problem = this.#o.describe(ack.error);
	}

	/** Call from an `$effect`: a kept action the follower no longer holds was answered on a resend. */
	watch(): void {
		if (this.phase === 'kept' && !this.#o.kept()) void this.#settleLater();
	}

	/** Forget a refusal (the person changed the text). */
	clear(): void {
		if (this.phase === 'idle') this.problem = null;
	}

	async #settleLater(): Promise<void> {
		this.phase = 'sending';
		this.wait = null;
		const result = await this.#o.confirm();
		if (result) return this.#finish(result);
		this.phase = 'idle';
		this.problem = this.#o.lost();
	}

	#finish(result: T): void {
		this.phase = 'idle';
		this.problem = null;
		this.#o.done(result);
	}
}

type Pending = QaFollower['pending'];
type KeptEvent = 'qa:ask' | 'qa:edit' | 'qa:delete' | 'qa:upvote';

/** Whether the follower holds an unanswered action of this kind (for this question, if given). */
export function isKept(pending: Pending, event: KeptEvent, questionId?: string): boolean {
	for (const p of pending.values()) {
		if (p.event !== event) continue;
		if (questionId === undefined || (p.payload as { questionId?: string }).questionId === questionId) return true;
	}
	return false;
}
