import type { MyBoardState, PublicBoard, PublicWorkshop, SeatCounts } from '#lib/shared/boards.ts';
import type { Ack, AckError } from '#lib/shared/result.ts';
import type { LiveSession } from './live-session.svelte.ts';
import { connectRealtime, emitAck, type AckOf, type PayloadOf, type RealtimeAuth, type RealtimeSocket } from './socket.ts';
import { acceptSnapshot } from './snapshot-order.ts';
import { newVoteKey } from './pending-votes.ts';
import { emptyMap, mapWith, mapWithout } from './replace.ts';

type BoardAction = 'board:claim' | 'board:cancel' | 'board:rank';
type PendingAction = { event: BoardAction; payload: { key: string } };
/** Answers that are no answer: the action is kept and sent again with the same key (B8). */
export const BOARD_RETRY_CODES: readonly string[] = ['unavailable', 'internal', 'rate_limited'];
export const BOARD_RETRY_MS = 4000;

/**
 * One workshop board followed live (B9): its definition and state ('board:state', at once), the
 * seat counts of changed workshops ('board:seats', on the tick; older ones ignored) and, on a
 * phone, the participant's own seat, place or ranking ('board:mine'). After every (re)connect the
 * board is watched and fetched anew.
 *
 * It rides on a session's socket (`start(live)`, e.g. the stage) or opens its own
 * (`startAlone(auth)`, the phone's board page). Phones act through `claim`, `cancel` and `rank`:
 * each action keeps its idempotency key and is sent again until the server answers (B8).
 */
export class BoardFollower {
	board = $state.raw<PublicBoard | null>(null);
	mine = $state.raw<MyBoardState | null>(null);
	/** The board was deleted, or this socket may not see it. */
	gone = $state(false);
	connected = $state(false);
	pending = $state.raw<ReadonlyMap<string, PendingAction>>(emptyMap());
	/** A kept action that was refused when it was sent again (e.g. the board closed meanwhile). */
	refused = $state.raw<{ event: BoardAction; error: AckError } | null>(null);
	#floor = -1;
	#socket: RealtimeSocket | null = null;
	#retry: ReturnType<typeof setTimeout> | null = null;
	readonly #boardId: string;

	constructor(boardId: string, seed?: { board: PublicBoard; mine: MyBoardState | null } | null) {
		this.#boardId = boardId;
		if (seed) {
			this.board = seed.board;
			this.mine = seed.mine;
		}
	}

	get boardId(): string {
		return this.#boardId;
	}

	workshop(sessionId: string | null): PublicWorkshop | null {
		return this.board?.workshops.find((w) => w.sessionId === sessionId) ?? null;
	}

	/** Rides on a session's socket. */
	start(live: LiveSession): () => void {
		return live.use({ attach: (socket) => this.#attach(socket), watched: () => void this.watch() });
	}

	/** Opens a socket of its own (a page without a session). */
	startAlone(auth: RealtimeAuth): () => void {
		const socket = connectRealtime(auth);
		const detach = this.#attach(socket);
		socket.on('connect', () => void this.watch());
		socket.on('disconnect', () => (this.connected = false));
		return () => {
			detach();
			socket.removeAllListeners();
			socket.disconnect();
		};
	}

	#attach(socket: RealtimeSocket): () => void {
		this.#socket = socket;
		const onState = (m: { boardId: string; board: PublicBoard | null }) => {
			if (m.boardId !== this.#boardId) return;
			if (m.board) this.board = m.board;
			else this.gone = true;
		};
		const onSeats = (s: SeatCounts) => this.#applySeats(s);
		const onMine = (m: MyBoardState) => {
			if (m.boardId === this.#boardId) this.mine = m;
		};
		socket.on('board:state', onState);
		socket.on('board:seats', onSeats);
		socket.on('board:mine', onMine);
		return () => {
			if (this.#retry) clearTimeout(this.#retry);
			this.#retry = null;
			socket.off('board:state', onState);
			socket.off('board:seats', onSeats);
			socket.off('board:mine', onMine);
			this.#socket = null;
			this.connected = false;
		};
	}

	/** Watches the board and takes its current view; then sends what is still pending. */
	async watch(): Promise<void> {
		const socket = this.#socket;
		if (!socket?.connected) return;
		const ack = await emitAck(socket, 'board:watch', { boardId: this.#boardId });
		if (!ack.ok) {
			if (ack.error.code === 'not_found') this.gone = true;
			return;
		}
		this.#floor = -1;
		this.board = ack.data.board;
		if (ack.data.mine) this.mine = ack.data.mine;
		this.connected = true;
		await this.#resend();
	}

	#applySeats(s: SeatCounts): void {
		if (s.boardId !== this.#boardId || !this.board) return;
		if (acceptSnapshot(this.#floor, s.seq, false) === 'ignore') return;
		this.#floor = s.seq;
		const changed = (id: string) => s.workshops.find((w) => w.sessionId === id);
		this.board = { ...this.board, state: s.state, workshops: this.board.workshops.map((w) => ({ ...w, ...changed(w.sessionId) })) };
	}

	dismissRefusal(): void {
		this.refused = null;
	}

	claim(sessionId: string): Promise<AckOf<'board:claim'>> {
		return this.#act('board:claim', { boardId: this.#boardId, sessionId, key: newVoteKey() });
	}
	cancel(): Promise<AckOf<'board:cancel'>> {
		return this.#act('board:cancel', { boardId: this.#boardId, key: newVoteKey() });
	}
	rank(choices: string[]): Promise<AckOf<'board:rank'>> {
		return this.#act('board:rank', { boardId: this.#boardId, choices, key: newVoteKey() });
	}

	async #act<E extends BoardAction>(event: E, payload: PayloadOf<E> & { key: string }): Promise<AckOf<E>> {
		this.pending = mapWith(this.pending, payload.key, { event, payload });
		const socket = this.#socket;
		const ack: Ack<unknown> = socket?.connected
			? await emitAck(socket, event, payload)
			: { ok: false, error: { code: 'unavailable', message: 'offline; sent when the connection is back' } };
		this.#settle(payload.key, ack);
		return ack as AckOf<E>;
	}

	#settle(key: string, ack: Ack<unknown>): void {
		if (!ack.ok && BOARD_RETRY_CODES.includes(ack.error.code)) {
			if (!this.#retry)
				this.#retry = setTimeout(() => {
					this.#retry = null;
					void this.#resend();
				}, ack.error.retryAfterMs ?? BOARD_RETRY_MS);
			return;
		}
		this.pending = mapWithout(this.pending, key);
		if (ack.ok) this.mine = ack.data as MyBoardState;
	}

	async #resend(): Promise<void> {
		const socket = this.#socket;
		if (!socket?.connected) return;
		for (const [key, { event, payload }] of this.pending) {
			const ack = (await emitAck(socket, event, payload as never)) as Ack<unknown>;
			this.#settle(key, ack);
			// Nobody waits for this answer any more: keep the refusal for the page to show.
			if (!ack.ok && !BOARD_RETRY_CODES.includes(ack.error.code)) this.refused = { event, error: ack.error };
		}
	}
}
