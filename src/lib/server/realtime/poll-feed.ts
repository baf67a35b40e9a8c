import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import type { PollSink } from './publisher.ts';
import type { PlenumServer } from './context.ts';
import type { ResultsSnapshot } from '../../shared/polls.ts';
import { getPoll, pollResults, resultsVisibleToAudience, toPublic, type PollRecord } from '../polls/service.ts';
import { nullIfNotFound } from '../errors.ts';
import { fanOut } from './fan-out.ts';
import { rooms } from './rooms.ts';
import { TickFeed } from './tick-feed.ts';

/**
 * Results go out on a tick (P8): 4 per second per poll with votes since the last tick, never one
 * broadcast per vote — at 1,000 clients and 200 votes/s, broadcasting per vote saturated the
 * server while a 4 Hz tick used 12 % of it.
 */
export const RESULTS_TICK_MS = 250;

/**
 * Turns "a poll changed" and "votes changed" into messages: the poll's public state at once,
 * results as full snapshots with a per-poll sequence number on the tick. Staff and stage screens
 * always get results; phones only while the audience may see them (P7).
 */
export class PollFeed extends TickFeed<string, string> implements PollSink {
	constructor(io: PlenumServer, deps: Deps, log: Logger) {
		super(io, deps, log, RESULTS_TICK_MS, 'results');
	}

	votesChanged(sessionId: string, pollId: string): void {
		this.dirty.set(pollId, sessionId);
	}

	/**
	 * Staff and stage screens learn of every change; phones see a poll only once it has been
	 * opened — a prepared draft's question is the moderator's business until then — and are
	 * told `poll: null` when it is deleted or reset to draft.
	 */
	pollChanged(sessionId: string, pollId: string): void {
		void nullIfNotFound(getPoll(pollId, this.deps))
			.then(async (p) => {
				const pub = p ? toPublic(p) : null;
				await fanOut(this.io, rooms.screens(sessionId), 'poll:state', { sessionId, pollId, poll: pub });
				await fanOut(this.io, rooms.audience(sessionId), 'poll:state', { sessionId, pollId, poll: pub && pub.state !== 'draft' ? pub : null });
			})
			.catch((e: unknown) => this.log.error('poll state broadcast failed', { error: e instanceof Error ? e.message : String(e) }));
	}

	/** The current snapshot, for a client that (re)connects or saw a sequence gap. */
	async snapshot(poll: PollRecord): Promise<ResultsSnapshot> {
		const r = await pollResults(poll, this.deps);
		return { pollId: poll.id, seq: this.nextSeq(poll.id), state: poll.state, ...r };
	}

	/** dirty: pollId → sessionId. */
	protected async flush(batch: [string, string][]): Promise<void> {
		for (const [pollId, sessionId] of batch) {
			// A deleted poll is skipped; a database error fails the tick, which puts the batch back.
			const poll = await nullIfNotFound(getPoll(pollId, this.deps));
			if (!poll) continue;
			const seq = this.nextSeq(pollId);
			const snap: ResultsSnapshot = { pollId, seq, state: poll.state, ...(await pollResults(poll, this.deps)) };
			await fanOut(this.io, rooms.screens(sessionId), 'poll:results', snap);
			if (resultsVisibleToAudience(poll)) await fanOut(this.io, rooms.audience(sessionId), 'poll:results', snap);
		}
	}

	protected requeue(batch: [string, string][]): void {
		// Nothing is dropped: the batch is counted again on the next tick.
		for (const [pollId, sessionId] of batch) if (!this.dirty.has(pollId)) this.dirty.set(pollId, sessionId);
	}
}
