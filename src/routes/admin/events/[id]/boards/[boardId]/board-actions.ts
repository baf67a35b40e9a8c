import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { deleteBoard, setBoardState, updateBoard } from '#lib/server/boards/board.ts';
import { runDraw } from '#lib/server/boards/draw.ts';
import { boardRow } from '#lib/server/boards/read.ts';
import { getEvent } from '#lib/server/events/service.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { m } from '#lib/paraglide/messages.js';
import { readBoardForm } from '../board-input.ts';
import { attemptBoard } from './board-attempt.ts';
import { boardOfEvent } from './board-of-event.ts';

type Ev = RequestEvent<{ id: string; boardId: string }>;

/** The board itself: its settings, sign-up open or closed, the draw, deleting it (owner, B4–B7). */
export const boardActions = {
	update: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const d = deps();
		const form = await request.formData();
		const found = await attemptBoard(
			async () => ({ b: await boardOfEvent(params.boardId, params.id, user.id, d), ev: await getEvent(params.id, d) }),
			{ action: 'update' as const },
			() => m.admin_error_conflict()
		);
		if (!found.ok) return found.failure;
		const { b, ev } = found.value;
		const parsed = readBoardForm(form, ev.timeZone, b.lottery_deadline);
		if (!parsed.ok) return fail(400, { action: 'update' as const, values: parsed.values, errors: parsed.errors, error: '' });
		const res = await attemptBoard(
			() => updateBoard(b.id, parsed.data, user.id, d),
			{ action: 'update' as const, values: parsed.values, errors: {} },
			async () => ((await boardRow(d.db, b.id)).drawn_at !== null ? m.boardorg_error_deadline_drawn() : m.boardorg_mode_locked())
		);
		if (!res.ok) return res.failure;
		return { action: 'update' as const, message: m.boardorg_saved() };
	},

	/** Opens or closes sign-up; a closed board may open again (B4). */
	state: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const state = (await request.formData()).get('state');
		if (state !== 'open' && state !== 'closed') return fail(400, { action: 'state' as const, error: m.admin_error_invalid() });
		const d = deps();
		const res = await attemptBoard(
			async () => setBoardState((await boardOfEvent(params.boardId, params.id, user.id, d)).id, state, user.id, d),
			{ action: 'state' as const },
			() => m.boardorg_error_no_workshops()
		);
		if (!res.ok) return res.failure;
		return { action: 'state' as const, message: state === 'open' ? m.boardorg_state_opened() : m.boardorg_state_closed_now() };
	},

	/** The one draw of a lottery (B7), after a ticked confirmation: it cannot be undone. */
	draw: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		if ((await request.formData()).get('confirm') !== 'yes')
			return fail(400, { action: 'draw' as const, field: 'confirm' as const, error: m.boardorg_draw_confirm_missing() });
		const d = deps();
		const res = await attemptBoard(
			async () => runDraw((await boardOfEvent(params.boardId, params.id, user.id, d)).id, user.id, d),
			{ action: 'draw' as const, field: null },
			async () => {
				const b = await boardRow(d.db, params.boardId);
				if (b.drawn_at !== null) return m.boardorg_error_drawn_already();
				return b.mode === 'lottery' ? m.boardorg_error_draw_early() : m.admin_error_conflict();
			}
		);
		if (!res.ok) return res.failure;
		return { action: 'draw' as const, message: m.boardorg_drawn_now() };
	},

	/** Deleting removes every seat, waitlist place and ranking of the board: it needs a ticked confirmation. */
	delete: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		if ((await request.formData()).get('confirm') !== 'yes') return fail(400, { action: 'delete' as const, error: m.boardorg_delete_confirm_missing() });
		const d = deps();
		const res = await attemptBoard(
			async () => deleteBoard((await boardOfEvent(params.boardId, params.id, user.id, d)).id, user.id, d),
			{ action: 'delete' as const },
			() => m.admin_error_conflict()
		);
		if (!res.ok) return res.failure;
		redirect(303, `/admin/events/${params.id}/boards`);
	}
};
