import { randomUUID } from 'node:crypto';
import type { VoteView } from '../../src/lib/shared/protocol.ts';
import type { Ack } from '../../src/lib/shared/result.ts';
import type { Phone } from './cluster.ts';

/** A vote's answer: the server's ack, or no ack within 10 s (never acceptable). */
export type VoteAck = Ack<VoteView> | { ok: false; error: { code: 'no_ack'; message: string } };

/** A phone with what the test knows of it: its process (index, when found out) and its last idempotency key. */
export interface Voter {
	phone: Phone;
	node: number | null;
	lastKey: string | null;
	lastOption: string | null;
}

/** A phone that has not voted yet. */
export function voter(phone: Phone, node: number | null = null): Voter {
	return { phone, node, lastKey: null, lastOption: null };
}

/** One vote sent: by whom, through which process, what, in which phase of the test, and the answer. */
export interface SentVote<Phase extends string> {
	participantId: string;
	node: number | null;
	key: string;
	optionId: string;
	repeat: boolean;
	phase: Phase;
	ack: VoteAck;
}

/**
 * Single-choice votes on one poll, sent as the real client sends them and each logged with its
 * answer, for the fault tests' oracle: every acknowledged vote stored, a refused one stored at
 * most as the participant's own later choice, nothing from nowhere.
 */
export class VoteLog<Phase extends string> {
	readonly sent: SentVote<Phase>[] = [];
	private readonly pollId: string;
	private readonly pick: () => string;

	/** `pick`: the option of a new vote when the test names none (the test's seeded choice). */
	constructor(pollId: string, pick: () => string) {
		this.pollId = pollId;
		this.pick = pick;
	}

	/**
	 * Sends one vote and waits for its answer (at most 10 s). `repeat`: the voter's last key and
	 * option again, as the real client resends a refused action; otherwise a new key.
	 */
	async cast(v: Voter, phase: Phase, how: { repeat?: boolean; optionId?: string } = {}): Promise<VoteAck> {
		const repeat = how.repeat === true && v.lastKey !== null;
		const key = repeat ? v.lastKey! : randomUUID();
		const optionId = repeat ? v.lastOption! : (how.optionId ?? this.pick());
		let ack: VoteAck;
		try {
			ack = (await v.phone.socket
				.timeout(10_000)
				.emitWithAck('poll:vote', { pollId: this.pollId, answer: { kind: 'single', optionId }, key })) as Ack<VoteView>;
		} catch (e) {
			ack = { ok: false, error: { code: 'no_ack', message: e instanceof Error ? e.message : String(e) } };
		}
		this.sent.push({ participantId: v.phone.participantId, node: v.node, key, optionId, repeat, phase, ack });
		// The real client keeps a refused action and sends it again with the same key.
		v.lastKey = key;
		v.lastOption = optionId;
		return ack;
	}

	/**
	 * Each participant's votes were sequential, so the stored option (participant → option) must be
	 * the last acknowledged one, or one of the refused ones sent after it (a refusal may still have
	 * committed), or none if nothing was acknowledged. Returns the participants no such order explains.
	 */
	unexplained(stored: Map<string, string>): { pid: string; want: (string | null)[]; stored: string | null }[] {
		const possible = new Map<string, Set<string | null>>();
		for (const s of this.sent) {
			const set = possible.get(s.participantId) ?? new Set<string | null>([null]);
			if (s.ack.ok) possible.set(s.participantId, new Set([s.optionId]));
			else possible.set(s.participantId, set.add(s.optionId));
		}
		return [...possible]
			.filter(([pid, set]) => !set.has(stored.get(pid) ?? null))
			.map(([pid, set]) => ({ pid, want: [...set], stored: stored.get(pid) ?? null }));
	}
}
