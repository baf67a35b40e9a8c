import { emitAck, type RealtimeSocket } from '#lib/client/socket.ts';
import type { PollStateMessage } from '#lib/shared/protocol.ts';
import type { ResultsSnapshot } from '#lib/shared/polls.ts';

/**
 * The moderator's live poll data on top of the view's one staff socket (LiveSession): the
 * newest results snapshot per poll, kept by sequence number (P8). A tick with an older or equal
 * sequence is ignored; a gap (a tick was missed) asks for the snapshot with `poll:get`. After a
 * reconnect the known sequences are forgotten (the server may have restarted and counts from
 * 0 again) and the polls in view are fetched afresh.
 */
export class PollDesk {
	results = $state.raw<Record<string, ResultsSnapshot>>({});
	/** Newest sequence number per poll; not reactive, only `results` is shown. */
	#seq: Record<string, number> = {};
	#socket: RealtimeSocket | null = null;
	readonly #sessionId: string;

	constructor(sessionId: string) {
		this.#sessionId = sessionId;
	}

	/**
	 * Listens on the view's socket. `onPollChanged` runs for every `poll:state` of this session
	 * (created, edited, opened, closed, reset, deleted — by anyone), so the list can reload.
	 */
	attach(socket: RealtimeSocket, onPollChanged: (msg: PollStateMessage) => void): () => void {
		this.#socket = socket;
		const onResults = (r: ResultsSnapshot) => this.#accept(r, 'tick');
		const onState = (msg: PollStateMessage) => {
			if (msg.sessionId !== this.#sessionId) return;
			if (msg.poll === null) this.#forget(msg.pollId);
			onPollChanged(msg);
		};
		socket.on('poll:results', onResults);
		socket.on('poll:state', onState);
		return () => {
			socket.off('poll:results', onResults);
			socket.off('poll:state', onState);
			this.#socket = null;
		};
	}

	/** Fetches the current snapshot of one poll (on select, after a gap or a reconnect). */
	async fetch(pollId: string): Promise<void> {
		const socket = this.#socket;
		if (!socket?.connected) return;
		const ack = await emitAck(socket, 'poll:get', { pollId });
		if (ack.ok && ack.data.results) this.#accept(ack.data.results, 'get');
		else if (!ack.ok && ack.error.code === 'not_found') this.#forget(pollId);
	}

	/** After a (re)connect: forget every sequence and fetch the polls in view again. */
	resync(pollIds: readonly string[]): void {
		this.#seq = {};
		for (const id of pollIds.filter((x, i) => pollIds.indexOf(x) === i)) void this.fetch(id);
	}

	/** Takes a snapshot from a control's ack (open, close, reset…): as fresh as a `poll:get`. */
	take(r: ResultsSnapshot | null): void {
		if (r) this.#accept(r, 'get');
	}

	#accept(r: ResultsSnapshot, via: 'tick' | 'get'): void {
		const known = this.#seq[r.pollId];
		// A fetched snapshot carries the last tick's number but may count later votes: equal is fine.
		if (known !== undefined && (via === 'tick' ? r.seq <= known : r.seq < known)) return;
		this.#seq[r.pollId] = r.seq;
		this.results = { ...this.results, [r.pollId]: r };
		if (via === 'tick' && known !== undefined && r.seq > known + 1) void this.fetch(r.pollId);
	}

	#forget(pollId: string): void {
		delete this.#seq[pollId];
		if (!(pollId in this.results)) return;
		const { [pollId]: _gone, ...rest } = this.results;
		this.results = rest;
	}
}
