import type { BoardFollower } from '#lib/client/board-follower.svelte.ts';

type Pending = BoardFollower['pending'];
type BoardEvent = 'board:claim' | 'board:cancel' | 'board:rank';

/** Whether the follower holds an unanswered action of this kind (for this workshop, if given). */
export function isPending(pending: Pending, event?: BoardEvent, sessionId?: string): boolean {
	for (const p of pending.values()) {
		if (event && p.event !== event) continue;
		if (sessionId === undefined || (p.payload as { sessionId?: string }).sessionId === sessionId) return true;
	}
	return false;
}
