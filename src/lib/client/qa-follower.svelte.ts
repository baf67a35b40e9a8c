import type { MyQuestion, PublicQuestion, QaSettings, StaffQuestion } from '#lib/shared/qa.ts';
import type { QaView } from '#lib/shared/protocol.ts';
import type { Ack } from '#lib/shared/result.ts';
import type { LiveSession } from './live-session.svelte.ts';
import { emitAck, type AckOf, type PayloadOf, type RealtimeSocket } from './socket.ts';
import { acceptChanges, acceptSnapshot } from './snapshot-order.ts';
import { applyChanges, type PublicQaChanges } from '#lib/shared/qa-changes.ts';
import { newVoteKey } from './pending-votes.ts';
import { emptyMap, mapWith, mapWithout, setOf, setWith } from './replace.ts';

type AudienceEvent = 'qa:ask' | 'qa:edit' | 'qa:delete' | 'qa:upvote';
type PendingAction = { event: AudienceEvent; payload: { key: string } };
/** Answers that are no answer: the action is kept and sent again with the same key (Q2). */
export const QA_RETRY_CODES: readonly string[] = ['unavailable', 'internal', 'rate_limited'];
/** A kept action is sent again after this while the socket stays up (a lost ack, a busy server). */
export const QA_RETRY_MS = 4000;

/**
 * The Q&A of one session followed live on the session's socket (Q8): staff get every question
 * ('qa:staff'), phones and stage screens the visible ones ('qa:public'), phones also their own
 * questions and upvotes ('qa:mine'); phones get the visible ones as changes to the list they have
 * ('qa:changes'). After every (re)watch the current view is fetched anew ('qa:get'); a snapshot
 * older than the one shown is ignored.
 *
 * Phones act through `ask`, `edit`, `remove` and `upvote`: each action gets an idempotency key
 * when it is made and keeps it; an action without an answer (offline, server busy, rate limited)
 * stays pending and is sent again with the same key after the next (re)connect, so it counts once.
 */
export class QaFollower {
	settings = $state.raw<QaSettings | null>(null);
	/** Visible questions (audience, stage) or every question (staff). */
	questions = $state.raw<(PublicQuestion | StaffQuestion)[]>([]);
	/** How many questions there are in all (the snapshot may hold only the top ones). */
	total = $state(0);
	mine = $state.raw<MyQuestion[]>([]);
	upvoted = $state.raw<ReadonlySet<string>>(setOf([]));
	/** Actions sent but not answered yet, by key. */
	pending = $state.raw<ReadonlyMap<string, PendingAction>>(emptyMap());
	loaded = $state(false);
	#floor = -1;
	/** The fetch that a gap in the changes started, so a second gap does not start another. */
	#fetching: Promise<void> | null = null;
	#socket: RealtimeSocket | null = null;
	readonly #live: LiveSession;
	readonly #sessionId: string;

	constructor(live: LiveSession, sessionId: string) {
		this.#live = live;
		this.#sessionId = sessionId;
	}

	/** Registers with the session's socket; returns what unregisters. */
	start(): () => void {
		return this.#live.use({
			attach: (socket) => {
				this.#socket = socket;
				const onSnap = (s: { sessionId: string; seq: number; settings: QaSettings; total: number; questions: (PublicQuestion | StaffQuestion)[] }) =>
					this.#apply(s, false);
				const onMine = (m: { sessionId: string; questions: MyQuestion[]; upvoted: string[] }) => {
					if (m.sessionId !== this.#sessionId) return;
					this.mine = m.questions;
					this.upvoted = setOf(m.upvoted);
				};
				const onChanges = (c: PublicQaChanges) => this.#applyChanges(c);
				socket.on('qa:public', onSnap);
				socket.on('qa:staff', onSnap);
				socket.on('qa:changes', onChanges);
				socket.on('qa:mine', onMine);
				return () => {
					if (this.#retryTimer) clearTimeout(this.#retryTimer);
					this.#retryTimer = null;
					socket.off('qa:public', onSnap);
					socket.off('qa:staff', onSnap);
					socket.off('qa:changes', onChanges);
					socket.off('qa:mine', onMine);
					this.#socket = null;
				};
			},
			watched: () => {
				this.#floor = -1;
				void this.refresh().then(() => this.#resend());
			}
		});
	}

	/** Fetches the current view ('qa:get'). */
	async refresh(): Promise<void> {
		const socket = this.#socket;
		if (!socket?.connected) return;
		const ack = await emitAck(socket, 'qa:get', { sessionId: this.#sessionId });
		if (!ack.ok) return;
		this.#applyView(ack.data);
	}

	#applyView(v: QaView): void {
		const snap = v.staff ?? v.public;
		if (snap) this.#apply(snap, true);
		if (v.mine) {
			this.mine = v.mine.questions;
			this.upvoted = setOf(v.mine.upvoted);
		}
		this.loaded = true;
	}

	#apply(s: { sessionId: string; seq: number; settings: QaSettings; total: number; questions: (PublicQuestion | StaffQuestion)[] }, fetched: boolean): void {
		if (s.sessionId !== this.#sessionId) return;
		if (acceptSnapshot(this.#floor, s.seq, fetched) === 'ignore') return;
		this.#floor = s.seq;
		this.settings = s.settings;
		this.questions = s.questions;
		this.total = s.total;
	}

	/**
	 * A phone's tick: changes on top of exactly the list shown (`base`). Older ones are ignored;
	 * changes to a list this phone does not have (a tick missed, another process) fetch it again.
	 */
	#applyChanges(c: PublicQaChanges): void {
		if (c.sessionId !== this.#sessionId) return;
		const verdict = acceptChanges(this.#floor, c.base, c.seq);
		if (verdict === 'ignore') return;
		if (verdict === 'fetch') {
			if (!this.#fetching) this.#fetching = this.refresh().finally(() => (this.#fetching = null));
			return;
		}
		this.#floor = c.seq;
		this.settings = c.settings;
		this.questions = applyChanges(this.questions as PublicQuestion[], c);
		this.total = c.total;
	}

	ask(text: string, name: string | null): Promise<AckOf<'qa:ask'>> {
		return this.#act('qa:ask', { sessionId: this.#sessionId, text, name, key: newVoteKey() });
	}
	edit(questionId: string, text: string): Promise<AckOf<'qa:edit'>> {
		return this.#act('qa:edit', { questionId, text, key: newVoteKey() });
	}
	remove(questionId: string): Promise<AckOf<'qa:delete'>> {
		return this.#act('qa:delete', { questionId, key: newVoteKey() });
	}
	/** Upvotes or takes back at once on screen (the count follows on the tick), undone if refused. */
	async upvote(questionId: string, up: boolean): Promise<AckOf<'qa:upvote'>> {
		const before = this.upvoted;
		this.upvoted = setWith(before, questionId, up);
		const ack = await this.#act('qa:upvote', { questionId, up, key: newVoteKey() });
		if (!ack.ok && !QA_RETRY_CODES.includes(ack.error.code)) this.upvoted = before;
		return ack;
	}

	async #act<E extends AudienceEvent>(event: E, payload: PayloadOf<E> & { key: string }): Promise<AckOf<E>> {
		this.pending = mapWith(this.pending, payload.key, { event, payload });
		const socket = this.#socket;
		const ack: Ack<unknown> = socket?.connected
			? await emitAck(socket, event, payload)
			: { ok: false, error: { code: 'unavailable', message: 'offline; sent when the connection is back' } };
		this.#settle(payload.key, ack);
		return ack as AckOf<E>;
	}

	#settle(key: string, ack: Ack<unknown>): void {
		if (!ack.ok && QA_RETRY_CODES.includes(ack.error.code)) {
			this.#retryLater(ack.error.code === 'rate_limited' ? (ack.error.retryAfterMs ?? QA_RETRY_MS) : QA_RETRY_MS);
			return;
		}
		const { event } = this.pending.get(key) ?? {};
		this.pending = mapWithout(this.pending, key);
		// The own questions at once, without waiting for the tick; an upvote is shown already and
		// its count follows on the tick (a fetch per upvote was 50 KB at a keynote, issue 7).
		if (ack.ok && event !== 'qa:upvote') void this.refresh();
	}

	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#retryLater(ms: number): void {
		if (this.#retryTimer) return;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			void this.#resend();
		}, ms);
	}

	async #resend(): Promise<void> {
		const socket = this.#socket;
		if (!socket?.connected) return;
		for (const [key, { event, payload }] of this.pending) {
			const ack = (await emitAck(socket, event, payload as never)) as Ack<unknown>;
			this.#settle(key, ack);
		}
	}
}
