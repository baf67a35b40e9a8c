import { isDeepStrictEqual } from 'node:util';
import type { Answer } from '../../src/lib/shared/polls.ts';
import type { Ack } from '../../src/lib/shared/result.ts';
import type { TestSocket } from './realtime.ts';

/**
 * The client side of the reliability oracle (quality.md §2): simulated phones act one at a time,
 * send each action until the server answers it (after a dropped connection the same key again,
 * once the phone is back: the client contract), and log every acknowledged action with its key
 * and answer, so the test can hold the database and the server's views against the log.
 */
export type Kind = 'vote' | 'ask' | 'claim' | 'cancel';

/** The socket event of each kind, which is also the `op` the server stores with the key. */
export const EVENT_OF: Record<Kind, string> = { vote: 'poll:vote', ask: 'qa:ask', claim: 'board:claim', cancel: 'board:cancel' };

/** One participant action: its key and payload never change, however often it is sent. */
export interface Action {
	kind: Kind;
	key: string;
	payload: Record<string, unknown>;
	/** A deliberate replay of a key already answered (a lost ack, as the client sees it). */
	replay: boolean;
}

/** A simulated phone and its log of what the server acknowledged. */
export interface LoggedPhone {
	n: number;
	participantId: string;
	socket: TestSocket;
	/** The first answer each key got; every later answer to that key must be the same. */
	acked: Map<string, { kind: Kind; data: unknown }>;
	/** Keys ever sent, answered or not. */
	sent: Set<string>;
	/** The answer of the latest new vote key (what the database must hold). */
	vote: Answer | null;
	/** Acknowledged questions by key. */
	questions: Map<string, { id: string; text: string }>;
	/** The workshop of the latest new claim; null after a cancel. */
	seat: string | null;
	/** Actions with keys already answered, to replay. */
	history: Action[];
	/** The action being sent and not yet answered (at most one: phones act one at a time). */
	pending: Action | null;
	idle: boolean;
}

/** A phone with an empty log. */
export function loggedPhone(n: number, participantId: string, socket: TestSocket): LoggedPhone {
	return { n, participantId, socket, acked: new Map(), sent: new Set(), vote: null, questions: new Map(), seat: null, history: [], pending: null, idle: false };
}

/** What happened to the sends, for the report line. */
export interface SendStats {
	/** Answers with ok: true, replays included. */
	acked: number;
	/** Answers to a key answered before. */
	replays: number;
	/** Actions whose send a dropped connection cut off. */
	cut: number;
	/** Sends again of a cut-off action. */
	resent: number;
	/** Answers `unavailable`, sent again 100 ms later. */
	unavailable: number;
	/** No answer from a connected server within the ack timeout (a finding). */
	timeouts: number;
}

type Sent = Ack<unknown> | 'lost' | 'timeout';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits (unbounded, every 10 ms) until `check()`; callers also end on stop(). */
async function until(check: () => boolean): Promise<void> {
	while (!check()) await sleep(10);
}

/**
 * Sends actions until answered and logs the answers. `problems` collects every breach of the
 * client contract as a readable line (a replay answered differently, an ack that does not match
 * what was sent, a refusal, a connected server that does not answer); `lost` holds the actions
 * cut off by a dropped connection and not answered yet.
 */
export class ActionLog {
	readonly stats: SendStats = { acked: 0, replays: 0, cut: 0, resent: 0, unavailable: 0, timeouts: 0 };
	readonly problems: string[] = [];
	readonly lost = new Set<Action>();
	private readonly ackTimeoutMs: number;
	private stopped = false;
	private paused = false;

	/** `ackTimeoutMs`: an answer that takes longer than this from a living server is a finding, not a retry. */
	constructor(ackTimeoutMs: number) {
		this.ackTimeoutMs = ackTimeoutMs;
	}

	/** Ends every drive() and perform() at its next step (also from afterAll, when a test failed). */
	stop(): void {
		this.stopped = true;
		this.paused = false;
	}

	/** Phones finish their current action, then idle until resume(): a quiet moment to compare views. */
	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
	}

	/** Runs a phone until stop(): the action `next` gives, sent until answered, then `gapMs()` ms of rest; idle while paused. */
	async drive(p: LoggedPhone, next: (p: LoggedPhone) => Action, gapMs: () => number): Promise<void> {
		while (!this.stopped) {
			if (this.paused) {
				p.idle = true;
				await until(() => !this.paused || this.stopped);
				p.idle = false;
				continue;
			}
			await this.perform(p, next(p));
			await sleep(gapMs());
		}
		p.idle = true;
	}

	/** Sends until answered: after a dropped connection the same key again, once the phone is back; `unavailable` again after 100 ms. */
	async perform(p: LoggedPhone, a: Action): Promise<void> {
		p.pending = a;
		let cut = false;
		while (!this.stopped) {
			await until(() => p.socket.connected || this.stopped);
			if (this.stopped) return;
			if (cut) this.stats.resent++;
			p.sent.add(a.key);
			const res = await this.sendOnce(p.socket, EVENT_OF[a.kind], { ...a.payload, key: a.key });
			if (res === 'lost') {
				if (!cut) this.stats.cut++;
				cut = true;
				this.lost.add(a);
				continue;
			}
			if (res === 'timeout') {
				this.stats.timeouts++;
				this.problems.push(`phone ${p.n} ${a.kind} ${a.key}: no answer in ${this.ackTimeoutMs} ms from a connected server`);
				continue;
			}
			if (!res.ok && res.error.code === 'unavailable') {
				this.stats.unavailable++;
				await sleep(100);
				continue;
			}
			this.lost.delete(a);
			p.pending = null;
			if (res.ok) this.record(p, a, res.data);
			else this.problems.push(`phone ${p.n} ${a.kind} ${a.key}: refused ${JSON.stringify(res.error)}`);
			return;
		}
	}

	/** Sends once; 'lost' when the connection dropped before the answer (socket.io reports it then). */
	private sendOnce(s: TestSocket, event: string, payload: Record<string, unknown>): Promise<Sent> {
		const timed = s.timeout(this.ackTimeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: Error | null, ack: Ack<unknown>) => void): void };
		return new Promise((resolve) =>
			timed.emit(event, payload, (err, ack) => {
				if (!err) resolve(ack);
				else resolve(/disconnected/.test(err.message) ? 'lost' : 'timeout');
			})
		);
	}

	/** Logs an answer; a key answered before must get the same answer again (R4), a new one must match what was sent. */
	private record(p: LoggedPhone, a: Action, data: unknown): void {
		this.stats.acked++;
		const first = p.acked.get(a.key);
		if (first) {
			this.stats.replays++;
			if (!isDeepStrictEqual(first.data, data))
				this.problems.push(`phone ${p.n} ${a.kind} key ${a.key}: replay answered ${JSON.stringify(data)}, first ${JSON.stringify(first.data)}`);
			return;
		}
		p.acked.set(a.key, { kind: a.kind, data });
		p.history.push(a);
		const d = data as Record<string, unknown>;
		if (a.kind === 'vote') {
			if (!isDeepStrictEqual(d.answer, a.payload.answer))
				this.problems.push(`phone ${p.n} vote ${a.key}: acked ${JSON.stringify(d.answer)} for ${JSON.stringify(a.payload.answer)}`);
			p.vote = a.payload.answer as Answer;
		} else if (a.kind === 'ask') {
			if (d.text !== a.payload.text) this.problems.push(`phone ${p.n} ask ${a.key}: acked text ${String(d.text)}`);
			p.questions.set(a.key, { id: String(d.id), text: String(d.text) });
		} else if (a.kind === 'claim') {
			if (d.sessionId !== a.payload.sessionId) this.problems.push(`phone ${p.n} claim ${a.key}: acked seat in ${String(d.sessionId)}`);
			p.seat = a.payload.sessionId as string;
		} else {
			if (d.sessionId !== null) this.problems.push(`phone ${p.n} cancel ${a.key}: still in ${String(d.sessionId)}`);
			p.seat = null;
		}
	}
}
