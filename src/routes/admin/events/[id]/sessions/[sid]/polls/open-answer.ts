/** One open-text answer as the moderation list shows it (answers/[pollId]/+server.ts sends these). */
export interface OpenAnswer {
	id: string;
	channel: 'room' | 'online';
	text: string;
	status: 'pending' | 'approved' | 'hidden';
	/** Only when the poll shows display names. */
	name: string | null;
	createdAt: number;
}

const ORDER = { pending: 0, approved: 1, hidden: 2 } as const;

/** Waiting answers first (they need a decision), then approved, then hidden; oldest first within each. */
export function moderationOrder(answers: readonly OpenAnswer[]): OpenAnswer[] {
	return [...answers].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.createdAt - b.createdAt);
}
