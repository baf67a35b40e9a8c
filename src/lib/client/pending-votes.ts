import type { Answer } from '#lib/shared/polls.ts';

/**
 * The one browser-storage key of the audience (G2: documented and strictly necessary): votes a
 * participant has cast but the server has not acknowledged yet (P3). Each holds its idempotency
 * key, so sending it again after a reload or a reconnect is counted once. An entry is removed at
 * the server's answer; entries older than PENDING_MAX_AGE_MS are dropped unsent.
 */
export const PENDING_VOTES_KEY = 'plenum.pending.v1';
/** A poll runs minutes, not days: a vote still unsent after a day is no longer meant. */
export const PENDING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface PendingVote {
	eventId: string;
	sessionId: string;
	pollId: string;
	answer: Answer;
	/** Idempotency key, made when the person tapped "send" and reused for every attempt. */
	key: string;
	createdAt: number;
}

/**
 * A key of 32 hex digits. `crypto.randomUUID` exists only in secure contexts; a conference
 * server reached over plain http on a local network still gets a random key.
 */
export function newVoteKey(): string {
	if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isPendingVote(v: unknown): v is PendingVote {
	if (typeof v !== 'object' || v === null) return false;
	const p = v as Record<string, unknown>;
	return (
		typeof p.eventId === 'string' &&
		typeof p.sessionId === 'string' &&
		typeof p.pollId === 'string' &&
		typeof p.key === 'string' &&
		typeof p.createdAt === 'number' &&
		typeof p.answer === 'object' &&
		p.answer !== null
	);
}

/** Storage can be missing or refuse writes (private mode, full quota): the page then keeps votes in memory. */
let memory: PendingVote[] = [];

function storage(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}

/** Every pending vote still worth sending, oldest first. */
export function readPending(now = Date.now()): PendingVote[] {
	const s = storage();
	let all: unknown = memory;
	if (s) {
		try {
			const raw = s.getItem(PENDING_VOTES_KEY);
			all = raw ? JSON.parse(raw) : [];
		} catch {
			all = memory;
		}
	}
	return Array.isArray(all) ? all.filter(isPendingVote).filter((v) => now - v.createdAt < PENDING_MAX_AGE_MS) : [];
}

function write(votes: PendingVote[]): void {
	memory = votes;
	const s = storage();
	if (!s) return;
	try {
		// An empty list leaves no key behind at all.
		if (votes.length === 0) s.removeItem(PENDING_VOTES_KEY);
		else s.setItem(PENDING_VOTES_KEY, JSON.stringify(votes));
	} catch {
		// Quota or privacy mode: the in-memory copy still carries the vote while the page is open.
	}
}

/** Keeps a vote until it is acknowledged; a newer vote for the same poll replaces an older one. */
export function putPending(vote: PendingVote): void {
	write([...readPending().filter((v) => v.pollId !== vote.pollId), vote]);
}

/**
 * Forgets a vote once the server answered it; a newer vote for the same poll (another key) stays.
 * Tells whether it was still stored (a second answer to the same vote finds it gone).
 */
export function removePending(pollId: string, key: string): boolean {
	const all = readPending();
	const rest = all.filter((v) => !(v.pollId === pollId && v.key === key));
	if (rest.length === all.length) return false;
	write(rest);
	return true;
}
