import type { PresenceCounts } from '../../shared/protocol.ts';
import type { RedisBus } from '../redis/bus.ts';
import type { BoardSink, PollSink, QaSink } from './publisher.ts';
import type { Presence } from './presence.ts';

/**
 * Changes are gathered this long before they go to the other processes: under a vote storm a
 * process sends at most 20 messages a second, however many votes it takes.
 */
export const FORWARD_MS = 50;

/** What crosses processes: keys that changed (never votes or lists), and presence counts. */
export type ClusterMessage =
	| {
			t: 'changed';
			/** [pollId, sessionId]: results changed. */
			votes: [string, string][];
			/** [pollId, sessionId]: the poll itself changed. */
			polls: [string, string][];
			/** [sessionId, askers]. */
			qa: [string, string[]][];
			boards: string[];
			/** [boardId, workshop session ids ([] = all), participants]. */
			seats: [string, string[], string[]][];
	  }
	| { t: 'presence'; counts: PresenceCounts[] };

interface Outbox {
	votes: Map<string, string>;
	polls: Map<string, string>;
	qa: Map<string, Set<string>>;
	boards: Set<string>;
	seats: Map<string, { sessions: Set<string>; participants: Set<string> }>;
}

const emptyOutbox = (): Outbox => ({ votes: new Map(), polls: new Map(), qa: new Map(), boards: new Set(), seats: new Map() });

/**
 * The scaled-out publisher sinks (architecture rule 7). A change is handed to this process's
 * feeds at once, and its key goes to the other processes in the next batch; each process then
 * reads the database on its own tick and sends to its own sockets. A vote costs one insert and a
 * map entry here, whatever the number of processes or clients.
 */
export class Cluster implements PollSink, QaSink, BoardSink {
	private out = emptyOutbox();
	private timer: ReturnType<typeof setTimeout> | null = null;

	private readonly bus: RedisBus<ClusterMessage>;
	private readonly local: { polls: PollSink; qa: QaSink; boards: BoardSink };
	private readonly presence: Presence;

	constructor(bus: RedisBus<ClusterMessage>, local: { polls: PollSink; qa: QaSink; boards: BoardSink }, presence: Presence) {
		this.bus = bus;
		this.local = local;
		this.presence = presence;
	}

	/** Starts reading the other processes' messages; their presence counts go out on the next presence tick. */
	listen(): void {
		this.bus.listen((m, from) => {
			if (m.t === 'presence') for (const c of m.counts) this.presence.setRemote(from, c, Date.now());
			else this.apply(m);
		});
	}

	votesChanged(sessionId: string, pollId: string): void {
		this.local.polls.votesChanged(sessionId, pollId);
		this.out.votes.set(pollId, sessionId);
		this.later();
	}

	pollChanged(sessionId: string, pollId: string): void {
		this.local.polls.pollChanged(sessionId, pollId);
		this.out.polls.set(pollId, sessionId);
		this.later();
	}

	questionsChanged(sessionId: string, askers: readonly string[]): void {
		this.local.qa.questionsChanged(sessionId, askers);
		let set = this.out.qa.get(sessionId);
		if (!set) this.out.qa.set(sessionId, (set = new Set()));
		for (const a of askers) set.add(a);
		this.later();
	}

	boardChanged(boardId: string): void {
		this.local.boards.boardChanged(boardId);
		this.out.boards.add(boardId);
		this.later();
	}

	seatsChanged(boardId: string, sessionIds: readonly string[], participants: readonly string[]): void {
		this.local.boards.seatsChanged(boardId, sessionIds, participants);
		let d = this.out.seats.get(boardId);
		if (!d) this.out.seats.set(boardId, (d = { sessions: new Set(), participants: new Set() }));
		if (sessionIds.length === 0) d.sessions.add('*');
		for (const s of sessionIds) d.sessions.add(s);
		for (const p of participants) d.participants.add(p);
		this.later();
	}

	/** Tells the other processes this process's participant counts. */
	sendPresence(counts: PresenceCounts[]): void {
		if (counts.length > 0) this.bus.publish({ t: 'presence', counts });
	}

	close(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.bus.close();
	}

	private later(): void {
		this.timer ??= setTimeout(() => this.send(), FORWARD_MS);
	}

	private send(): void {
		this.timer = null;
		const o = this.out;
		this.out = emptyOutbox();
		this.bus.publish({
			t: 'changed',
			votes: [...o.votes],
			polls: [...o.polls],
			qa: [...o.qa].map(([sid, askers]) => [sid, [...askers]]),
			boards: [...o.boards],
			seats: [...o.seats].map(([bid, d]) => [bid, d.sessions.has('*') ? [] : [...d.sessions], [...d.participants]])
		});
	}

	/** Another process's changes: this process's feeds send them to its own sockets. */
	private apply(m: Extract<ClusterMessage, { t: 'changed' }>): void {
		for (const [pollId, sessionId] of m.polls) this.local.polls.pollChanged(sessionId, pollId);
		for (const [pollId, sessionId] of m.votes) this.local.polls.votesChanged(sessionId, pollId);
		for (const [sessionId, askers] of m.qa) this.local.qa.questionsChanged(sessionId, askers);
		for (const boardId of m.boards) this.local.boards.boardChanged(boardId);
		for (const [boardId, sessions, participants] of m.seats) this.local.boards.seatsChanged(boardId, sessions, participants);
	}
}
