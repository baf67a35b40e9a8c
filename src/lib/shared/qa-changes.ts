import { byVotes, type PublicQaSnapshot, type PublicQuestion, type QaSettings } from './qa.ts';

/**
 * A phone's Q&A tick (Q8, docs/protocol.md `qa:changes`): what changed in the public list since
 * the snapshot `base` of the same process. At a keynote, 200 questions are 50 KB; sent to 5,000
 * phones twice a second that is 500 MB/s, which no core can write (issue 7, P4) — while an upvote
 * changes one number. A phone applies changes only on top of exactly `base`; otherwise it
 * fetches the list again.
 */
export interface PublicQaChanges {
	sessionId: string;
	/** The sequence number of the snapshot these changes apply to. */
	base: number;
	seq: number;
	settings: QaSettings;
	total: number;
	/** Questions new to the list, or changed in more than their vote count. */
	upsert: PublicQuestion[];
	/** Question id → votes, for questions whose vote count is all that changed. */
	votes: Record<string, number>;
	/** Questions that left the list: hidden, deleted, or out of the top. */
	remove: string[];
}

function sameExceptVotes(a: PublicQuestion, b: PublicQuestion): boolean {
	for (const k of Object.keys(b) as (keyof PublicQuestion)[]) if (k !== 'votes' && a[k] !== b[k]) return false;
	return Object.keys(a).length === Object.keys(b).length;
}

/** The changes that turn `prev` into `next` (both of one session and process). */
export function diffPublic(prev: PublicQaSnapshot, next: PublicQaSnapshot): PublicQaChanges {
	const before = new Map(prev.questions.map((q) => [q.id, q]));
	const out: PublicQaChanges = {
		sessionId: next.sessionId,
		base: prev.seq,
		seq: next.seq,
		settings: next.settings,
		total: next.total,
		upsert: [],
		votes: {},
		remove: []
	};
	for (const q of next.questions) {
		const old = before.get(q.id);
		before.delete(q.id);
		if (!old || !sameExceptVotes(old, q)) out.upsert.push(q);
		else if (old.votes !== q.votes) out.votes[q.id] = q.votes;
	}
	out.remove = [...before.keys()];
	return out;
}

/** The list after `changes`, in the server's order (by votes, then oldest, then id). */
export function applyChanges(questions: readonly PublicQuestion[], changes: Pick<PublicQaChanges, 'upsert' | 'votes' | 'remove'>): PublicQuestion[] {
	const byId = new Map(questions.map((q) => [q.id, q]));
	for (const id of changes.remove) byId.delete(id);
	for (const [id, votes] of Object.entries(changes.votes)) {
		const q = byId.get(id);
		if (q) byId.set(id, { ...q, votes });
	}
	for (const q of changes.upsert) byId.set(q.id, q);
	return [...byId.values()].sort(byVotes);
}
