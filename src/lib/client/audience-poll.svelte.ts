import { SvelteMap } from 'svelte/reactivity';
import type { Answer, PublicPoll, ResultsSnapshot } from '#lib/shared/polls.ts';
import type { CurrentPollView, PollStateMessage, VoteView } from '#lib/shared/protocol.ts';
import type { LiveSession } from './live-session.svelte.ts';
import { PollFollower } from './poll-follower.svelte.ts';
import { newVoteKey, PENDING_VOTES_KEY, putPending, readPending, removePending, type PendingVote } from './pending-votes.ts';
import { emitAck, type RealtimeSocket } from './socket.ts';

/** A vote's ack normally takes milliseconds; after this it is kept and sent again (same key). */
export const VOTE_ACK_TIMEOUT_MS = 8000;
/** Pause before sending an unanswered vote again while the connection is up. */
export const VOTE_RETRY_MS = 3000;

/**
 * Where the participant's vote on the shown poll stands:
 * - none: not voted
 * - pending: kept on this device, not sent yet (offline) — sent when the connection returns
 * - sending: sent, waiting for the server's acknowledgement
 * - received: acknowledged, i.e. committed (P3)
 */
export type VotePhase = 'none' | 'pending' | 'sending' | 'received';

/** Why a vote was not counted; the view words it. `answer` lets the person correct it. */
export interface VoteProblem {
	pollId: string;
	code: 'closed' | 'invalid' | 'not_allowed' | 'not_open' | 'gone' | 'failed';
	answer: Answer;
}

/**
 * The audience side of polls on a session page: the poll that is open (it appears by itself),
 * the participant's own vote, and exactly-once voting across lost connections and reloads (P3).
 * A vote is stored with its idempotency key before it is sent and removed only at the server's
 * answer; every (re)connect sends what is still stored, with the same key, so the server counts
 * it once however often it arrives.
 */
export class AudiencePoll {
	readonly follower: PollFollower;
	myVote = $state.raw<VoteView | null>(null);
	/** Unacknowledged votes of this event (all polls), as stored. */
	pending = $state.raw<PendingVote[]>([]);
	problem = $state.raw<VoteProblem | null>(null);
	/** Counts acknowledged votes of the shown poll, so the view can confirm each one. */
	received = $state(0);
	/** Idempotency key → the attempt awaiting its ack (an attempt on a dead connection is superseded). */
	readonly #inFlight = new SvelteMap<string, number>();
	#attempts = 0;
	readonly #live: LiveSession;
	readonly #eventId: string;
	readonly #sessionId: string;
	#socket: RealtimeSocket | null = null;
	/** The poll last seen open: a 'poll:state' that opens another (or reopens it) loads it anew. */
	#openSeen: string | null = null;
	/** Bumped by every ack, so an older 'poll:current' answer does not overwrite a newer vote. */
	#epoch = 0;
	#timers: ReturnType<typeof setTimeout>[] = [];

	constructor(live: LiveSession, opts: { eventId: string; sessionId: string; initial?: CurrentPollView | null }) {
		this.#live = live;
		this.#eventId = opts.eventId;
		this.#sessionId = opts.sessionId;
		this.follower = new PollFollower(live);
		this.follower.onState = (m) => this.#onState(m);
		const initial = opts.initial;
		if (initial?.poll) {
			this.follower.follow(initial.poll.id, initial);
			this.myVote = initial.myVote;
			if (initial.poll.state === 'open') this.#openSeen = initial.poll.id;
		}
		this.pending = readPending().filter((v) => v.eventId === this.#eventId);
	}

	/** The poll to show: the open one, or the one just closed; not a poll that was reset or deleted. */
	get poll(): PublicPoll | null {
		const p = this.follower.poll;
		return p && p.state !== 'draft' ? p : null;
	}

	/** Results, only while the audience may see them (P7). */
	get results(): ResultsSnapshot | null {
		return this.poll?.resultsVisible ? this.follower.results : null;
	}

	/** The unacknowledged vote for the shown poll, if any. */
	get pendingVote(): PendingVote | null {
		const id = this.poll?.id;
		return (id && this.pending.find((v) => v.pollId === id)) || null;
	}

	get phase(): VotePhase {
		const p = this.pendingVote;
		if (p) return this.#inFlight.has(p.key) ? 'sending' : 'pending';
		return this.myVote && this.myVote.pollId === this.poll?.id ? 'received' : 'none';
	}

	/** Registers with the session's socket; returns what unregisters. */
	start(): () => void {
		const stopFollower = this.follower.start({ refreshOnWatch: false });
		const stopSelf = this.#live.use({
			attach: (socket) => {
				this.#socket = socket;
				return () => {
					this.#socket = null;
				};
			},
			watched: () => {
				// Attempts made on the previous connection may never be answered: send again now.
				this.#inFlight.clear();
				void this.#loadCurrent();
				this.#flush();
			}
		});
		// Another tab of this browser may send or add a vote; show the same state here.
		const onStorage = (e: StorageEvent) => {
			if (e.key !== PENDING_VOTES_KEY && e.key !== null) return;
			const had = this.pendingVote;
			this.#syncPending();
			// The other tab got the acknowledgement: ask for the vote it stored.
			if (had && !this.pendingVote) void this.#loadCurrent();
		};
		addEventListener('storage', onStorage);
		return () => {
			removeEventListener('storage', onStorage);
			for (const t of this.#timers) clearTimeout(t);
			this.#timers = [];
			stopSelf();
			stopFollower();
		};
	}

	/**
	 * Casts (or changes) the vote on the shown poll. It is stored first, with a fresh idempotency
	 * key, so that neither a lost connection nor a reload loses it; then sent if the link is up.
	 */
	vote(answer: Answer): void {
		const poll = this.poll;
		if (!poll || poll.state !== 'open') return;
		const entry: PendingVote = {
			eventId: this.#eventId,
			sessionId: this.#sessionId,
			pollId: poll.id,
			answer,
			key: newVoteKey(),
			createdAt: Date.now()
		};
		putPending(entry);
		this.#syncPending();
		this.problem = null;
		void this.#send(entry);
	}

	/** Drops the problem notice (the person read it and goes on). */
	dismissProblem(): void {
		this.problem = null;
	}

	#syncPending(): void {
		this.pending = readPending().filter((v) => v.eventId === this.#eventId);
	}

	/** Sends every vote of this event still waiting for its acknowledgement. */
	#flush(): void {
		this.#syncPending();
		for (const v of this.pending) void this.#send(v);
	}

	async #send(entry: PendingVote): Promise<void> {
		const socket = this.#socket;
		// Offline the vote simply stays stored; the next successful (re)watch sends it.
		if (!socket?.connected || this.#live.status !== 'connected' || this.#inFlight.has(entry.key) || navigator.onLine === false) return;
		const attempt = ++this.#attempts;
		this.#inFlight.set(entry.key, attempt);
		const ack = await emitAck(socket, 'poll:vote', { pollId: entry.pollId, answer: entry.answer, key: entry.key }, VOTE_ACK_TIMEOUT_MS);
		if (this.#inFlight.get(entry.key) === attempt) this.#inFlight.delete(entry.key);
		if (ack.ok) {
			const first = this.#settle(entry);
			this.#epoch++;
			if (entry.pollId === this.poll?.id) {
				this.myVote = ack.data;
				if (first) this.received++;
			}
			return;
		}
		const { code } = ack.error;
		if (code === 'unavailable' || code === 'internal' || code === 'rate_limited') {
			// Not refused, only not answered (yet): keep it and try again with the same key.
			this.#later(() => {
				if (readPending().some((v) => v.key === entry.key)) void this.#send(entry);
			}, ack.error.retryAfterMs ?? VOTE_RETRY_MS);
			return;
		}
		this.#settle(entry);
		const problem: VoteProblem['code'] =
			code === 'poll_closed'
				? 'closed'
				: code === 'invalid_payload'
					? 'invalid'
					: code === 'not_found'
						? 'gone'
						: code === 'conflict'
							? this.poll?.state === 'open' && this.poll.id === entry.pollId
								? 'not_allowed'
								: 'not_open'
							: 'failed';
		if (entry.pollId === this.poll?.id) this.problem = { pollId: entry.pollId, code: problem, answer: entry.answer };
		// The server knows better now: the poll's state (closed, reset) or the vote it kept.
		if (problem === 'closed' || problem === 'not_open') void this.follower.refresh();
		if (problem === 'not_allowed') void this.#loadCurrent();
	}

	#settle(entry: PendingVote): boolean {
		const removed = removePending(entry.pollId, entry.key);
		this.#syncPending();
		return removed;
	}

	/** Asks for the session's open poll with the participant's vote (after every (re)watch). */
	async #loadCurrent(): Promise<void> {
		const socket = this.#socket;
		if (!socket?.connected) return;
		const epoch = this.#epoch;
		const ack = await emitAck(socket, 'poll:current', { sessionId: this.#sessionId });
		if (!ack.ok || socket !== this.#socket) return;
		const { poll } = ack.data;
		if (poll) {
			this.#openSeen = poll.id;
			this.follower.follow(poll.id, ack.data);
			if (epoch === this.#epoch) this.myVote = ack.data.myVote;
		} else if (this.follower.pollId) {
			// None open now: the shown one was closed (keep showing it), reset or deleted (it goes).
			await this.follower.refresh();
		}
	}

	#onState(m: PollStateMessage): void {
		if (m.sessionId !== this.#sessionId) return;
		if (m.poll?.state === 'open' && m.pollId !== this.#openSeen) {
			void this.#loadCurrent();
			return;
		}
		if (m.pollId === this.follower.pollId && (!m.poll || m.poll.state === 'draft')) {
			// Reset clears every vote; a reopened poll starts from nothing.
			if (this.#openSeen === m.pollId) this.#openSeen = null;
			this.myVote = null;
			this.problem = null;
		}
	}

	#later(fn: () => void, ms: number): void {
		const t = setTimeout(() => {
			this.#timers = this.#timers.filter((x) => x !== t);
			fn();
		}, ms);
		this.#timers.push(t);
	}
}
