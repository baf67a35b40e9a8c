import type { PublicPoll, ResultsSnapshot } from '#lib/shared/polls.ts';
import type { PollStateMessage, PollView } from '#lib/shared/protocol.ts';
import type { LiveSession } from './live-session.svelte.ts';
import { emitAck, type RealtimeSocket } from './socket.ts';
import { acceptSnapshot } from './snapshot-order.ts';

/**
 * One poll followed live on a session's socket: its public state from 'poll:state' and its
 * results from 'poll:results'. The owner decides which poll (`follow`) and when to fetch anew
 * (`refresh`, e.g. after every re-watch). Only a newer sequence number replaces the results (P8).
 * Used by the stage screen, the overlay and the phones.
 */
export class PollFollower {
	poll = $state.raw<PublicPoll | null>(null);
	results = $state.raw<ResultsSnapshot | null>(null);
	/** The followed poll was deleted. */
	gone = $state(false);
	#pollId: string | null = null;
	#floor = -1;
	#socket: RealtimeSocket | null = null;
	readonly #live: LiveSession;
	/** Told about every 'poll:state' of the session, e.g. so phones notice a newly opened poll. */
	onState: ((m: PollStateMessage) => void) | null = null;

	/** `seed`: the poll as rendered on the server, so the first paint already shows it. */
	constructor(live: LiveSession, seed?: PollView | null) {
		this.#live = live;
		if (seed?.poll) this.follow(seed.poll.id, seed);
	}

	get pollId(): string | null {
		return this.#pollId;
	}

	/** Registers with the session's socket; returns what unregisters. */
	start(opts: { refreshOnWatch: boolean }): () => void {
		return this.#live.use({
			attach: (socket) => {
				this.#socket = socket;
				const onResults = (r: ResultsSnapshot) => this.applyResults(r, false);
				const onState = (m: PollStateMessage) => {
					if (m.pollId === this.#pollId) this.#applyPoll(m.poll);
					this.onState?.(m);
				};
				socket.on('poll:results', onResults);
				socket.on('poll:state', onState);
				return () => {
					socket.off('poll:results', onResults);
					socket.off('poll:state', onState);
					this.#socket = null;
				};
			},
			watched: () => {
				// Any snapshot may follow a reconnect: the server's counter may have started again.
				this.#floor = -1;
				if (opts.refreshOnWatch) void this.refresh();
			}
		});
	}

	/**
	 * Follows another poll (or none). `seed` is what the caller already knows about it (rendered on
	 * the server, or from 'poll:current'); without it the poll is fetched when the socket is up.
	 */
	follow(pollId: string | null, seed?: PollView | null): void {
		if (pollId === this.#pollId && !seed) return;
		const changed = pollId !== this.#pollId;
		this.#pollId = pollId;
		if (changed) {
			this.poll = null;
			this.results = null;
			this.gone = false;
			this.#floor = -1;
		}
		if (seed && seed.poll?.id === pollId) {
			this.#applyPoll(seed.poll);
			if (seed.results) this.applyResults(seed.results, true);
			else if (!seed.poll.resultsVisible) this.results = null;
		} else if (pollId && changed) void this.refresh();
	}

	/** Fetches the followed poll and its current snapshot ('poll:get'). */
	async refresh(): Promise<void> {
		const socket = this.#socket;
		const pollId = this.#pollId;
		if (!socket?.connected || !pollId) return;
		const ack = await emitAck(socket, 'poll:get', { pollId });
		if (pollId !== this.#pollId) return;
		if (ack.ok) {
			this.#applyPoll(ack.data.poll);
			if (ack.data.results) this.applyResults(ack.data.results, true);
		} else if (ack.error.code === 'not_found') this.#applyPoll(null);
	}

	applyResults(r: ResultsSnapshot, fetched: boolean): void {
		if (r.pollId !== this.#pollId) return;
		if (acceptSnapshot(this.#floor, r.seq, fetched) === 'ignore') return;
		this.#floor = r.seq;
		this.results = r;
	}

	#applyPoll(poll: PublicPoll | null): void {
		if (!poll) {
			this.gone = true;
			this.poll = null;
			this.results = null;
			return;
		}
		this.gone = false;
		this.poll = poll;
	}
}
