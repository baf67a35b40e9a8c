import { untrack } from 'svelte';
import { m } from '#lib/paraglide/messages.js';
import type { BoardFollower } from '#lib/client/board-follower.svelte.ts';
import type { MyBoardState } from '#lib/shared/boards.ts';
import { ThrottledNews } from './board-news.ts';

/**
 * What the status region says while the board page is open (call during component setup):
 * - the participant's own seat at once, however it changed (own action, a resend after a lost
 *   connection, promotion from the waitlist, the draw, a move by the organiser);
 * - the board opening, closing or being drawn at once;
 * - workshops becoming full or free again, and the own waitlist place moving up, throttled.
 * `promotedTo` names the workshop the phone was just promoted into, for a visible notice too.
 */
export function liveNews(follower: BoardFollower, say: (text: string) => void): { readonly promotedTo: string | null } {
	let promotedTo = $state<string | null>(null);
	// Titles are looked up, not followed: a renamed workshop is no news of its own.
	const title = (sessionId: string | null) => untrack(() => follower.workshop(sessionId)?.title ?? '');

	const seats = new ThrottledNews<boolean>((changes) => {
		const full = changes.filter((c) => c.after).map((c) => title(c.key));
		const free = changes.filter((c) => !c.after).map((c) => title(c.key));
		if (full.length) say(m.boardaud_announce_full({ titles: full.join(', ') }));
		if (free.length) say(m.boardaud_announce_free({ titles: free.join(', ') }));
	});
	const place = new ThrottledNews<number>((changes) => {
		for (const c of changes) say(m.boardaud_announce_position({ title: title(c.key), position: c.after }));
	});

	let board = untrack(() => follower.board);
	$effect(() => {
		const b = follower.board;
		if (!b) return;
		if (board && b.state !== board.state) say(b.state === 'open' ? m.boardaud_announce_opened() : m.boardaud_announce_closed());
		if (board && b.drawnAt !== null && board.drawnAt === null) say(m.boardaud_announce_drawn());
		board = b;
		seats.see(b.workshops.map((w) => [w.sessionId, w.seatsLeft === 0] as const));
	});

	let mine = untrack(() => follower.mine);
	$effect(() => {
		const now = follower.mine;
		const before = mine;
		mine = now;
		place.see(now?.status === 'waitlisted' && now.sessionId && now.position ? [[now.sessionId, now.position] as const] : []);
		if (!now || !before) return;
		if (now.status !== before.status || now.sessionId !== before.sessionId) {
			// Said here at once; the throttled place news starts again from this state.
			place.settle();
			const promoted = before.status === 'waitlisted' && now.status === 'confirmed' && before.sessionId === now.sessionId;
			promotedTo = promoted ? now.sessionId : null;
			say(seatText(now, title(now.sessionId), promoted));
		}
		if (JSON.stringify(now.choices) !== JSON.stringify(before.choices) && now.choices) say(m.boardaud_announce_choices_saved());
	});

	$effect(() => () => {
		seats.stop();
		place.stop();
	});

	return {
		get promotedTo() {
			return promotedTo;
		}
	};
}

function seatText(mine: MyBoardState, title: string, promoted: boolean): string {
	if (promoted) return m.boardaud_promoted({ title });
	if (mine.status === 'confirmed') return m.boardaud_announce_confirmed({ title });
	if (mine.status === 'waitlisted') return m.boardaud_announce_waitlisted({ title, position: mine.position ?? 0 });
	return m.boardaud_announce_cancelled();
}
