import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAccess } from '#lib/server/access/service.ts';
import { getEvent } from '#lib/server/events/service.ts';
import { createBoard } from '#lib/server/boards/board.ts';
import { listBoards } from '#lib/server/boards/read.ts';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { attempt } from '../../../action-error.ts';
import { readBoardForm } from './board-input.ts';

/** The workshop boards of an event, and a new one (owner only: `event:manage`, B5). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const d = deps();
	await orError(requireAccess(user.id, params.id, 'event:manage', d));
	const event = await orError(getEvent(params.id, d));
	const boards = await listBoards(event.id, true, d);
	return {
		event: { id: event.id, title: event.title, timeZone: event.timeZone },
		boards: boards.map((b) => ({
			id: b.id,
			title: b.title,
			mode: b.mode,
			state: b.state,
			workshops: b.workshops.length,
			lotteryDeadline: b.lotteryDeadline,
			drawnAt: b.drawnAt
		}))
	};
};

export const actions: Actions = {
	/** A new board starts as a draft; the organiser goes on to add its workshops. */
	create: async ({ request, locals, url, params }) => {
		const user = requireUser(locals, url);
		const d = deps();
		const event = await orError(getEvent(params.id, d));
		const parsed = readBoardForm(await request.formData(), event.timeZone);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, error: '' });
		const res = await attempt(() => createBoard(params.id, parsed.data, user.id, d), { values: parsed.values, errors: {} });
		if (!res.ok) return res.failure;
		redirect(303, `/admin/events/${params.id}/boards/${res.value.id}`);
	}
};
