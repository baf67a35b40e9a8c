import { fail, type RequestEvent } from '@sveltejs/kit';
import { addWorkshop, removeWorkshop, updateWorkshop } from '#lib/server/boards/board.ts';
import { moveParticipant } from '#lib/server/boards/manual.ts';
import { publicBoard, workshopParticipants } from '#lib/server/boards/read.ts';
import { BOARD_LIMITS } from '#lib/shared/boards.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { m } from '#lib/paraglide/messages.js';
import { sessionOfEvent } from '../../session-of-event.ts';
import { attemptBoard } from './board-attempt.ts';
import { boardOfEvent } from './board-of-event.ts';
import { readWorkshopForm } from './workshop-input.ts';

type Ev = RequestEvent<{ id: string; boardId: string }>;

const field = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/**
 * The workshops of a board and the people in them (owner, B5): add a session of the event,
 * change capacity and description (lowering evicts nobody), take it off, move people by hand.
 * Results name the workshop (`sessionId`) or person (`participantId`) so the page shows an
 * error next to the form that was sent.
 */
export const workshopActions = {
	addWorkshop: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const parsed = readWorkshopForm(await request.formData());
		if (!parsed.ok) return fail(400, { action: 'addWorkshop' as const, values: parsed.values, errors: parsed.errors, error: '' });
		const d = deps();
		const res = await attemptBoard(
			async () => {
				const b = await boardOfEvent(params.boardId, params.id, user.id, d);
				const s = await sessionOfEvent(parsed.data.sessionId, params.id, d);
				await addWorkshop(b.id, parsed.data, user.id, d);
				return s;
			},
			{ action: 'addWorkshop' as const, values: parsed.values, errors: {} },
			async () =>
				(await publicBoard(params.boardId, d)).workshops.length >= BOARD_LIMITS.maxWorkshops
					? m.boardorg_error_too_many({ max: BOARD_LIMITS.maxWorkshops })
					: m.boardorg_error_session_taken()
		);
		if (!res.ok) return res.failure;
		return { action: 'addWorkshop' as const, message: m.boardorg_workshop_added({ title: res.value.title }) };
	},

	/** Raising the capacity promotes the first in line at once; lowering it removes nobody (B5). */
	updateWorkshop: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const parsed = readWorkshopForm(await request.formData());
		const sessionId = parsed.values.sessionId;
		if (!parsed.ok) return fail(400, { action: 'workshop' as const, sessionId, values: parsed.values, errors: parsed.errors, error: '' });
		const d = deps();
		const res = await attemptBoard(
			async () => {
				const b = await boardOfEvent(params.boardId, params.id, user.id, d);
				const s = await sessionOfEvent(sessionId, params.id, d);
				await updateWorkshop(b.id, parsed.data, user.id, d);
				return s;
			},
			{ action: 'workshop' as const, sessionId, values: parsed.values, errors: {} },
			() => m.admin_error_conflict()
		);
		if (!res.ok) return res.failure;
		return { action: 'workshop' as const, sessionId, message: m.boardorg_workshop_saved({ title: res.value.title }) };
	},

	/** Refused while anyone holds a seat or waits there: move them first. The session stays on the agenda. */
	removeWorkshop: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const sessionId = field(await request.formData(), 'sessionId');
		const d = deps();
		const res = await attemptBoard(
			async () => {
				const b = await boardOfEvent(params.boardId, params.id, user.id, d);
				const s = await sessionOfEvent(sessionId, params.id, d);
				await removeWorkshop(b.id, s.id, user.id, d);
				return s;
			},
			{ action: 'remove' as const, sessionId },
			() => m.boardorg_error_remove_people()
		);
		if (!res.ok) return res.failure;
		return { action: 'workshops' as const, message: m.boardorg_workshop_removed({ title: res.value.title }) };
	},

	/**
	 * Moves one person into another workshop (a confirmed seat, which must be free), confirms
	 * someone waiting out of turn (target: their own workshop), or takes them off the board
	 * (target: empty). The old seat is released in the same transaction (B5).
	 */
	move: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const participantId = field(form, 'participantId');
		const from = field(form, 'from');
		const to = field(form, 'to');
		const d = deps();
		const extra = { action: 'move' as const, participantId, to };
		const found = await attemptBoard(
			async () => {
				const b = await boardOfEvent(params.boardId, params.id, user.id, d);
				const board = await publicBoard(b.id, d);
				const target = to === '' ? null : board.workshops.find((w) => w.sessionId === to);
				const source = board.workshops.find((w) => w.sessionId === from);
				if (target === undefined || !source) return null;
				const { confirmed, waitlist } = await workshopParticipants(source.sessionId, d);
				const person = [...confirmed, ...waitlist].find((p) => p.participantId === participantId);
				return person ? { board, target, name: person.name ?? m.boardorg_no_name() } : null;
			},
			extra,
			() => m.admin_error_conflict()
		);
		if (!found.ok) return found.failure;
		if (!found.value) return fail(404, { ...extra, error: m.admin_error_not_found() });
		const { board, target, name } = found.value;
		const res = await attemptBoard(
			() => moveParticipant(board.id, participantId, target?.sessionId ?? null, user.id, d),
			extra,
			() => m.boardorg_error_target_full({ title: target?.title ?? '' })
		);
		if (!res.ok) return res.failure;
		return {
			action: 'workshops' as const,
			message: target ? m.boardorg_moved({ name, title: target.title }) : m.boardorg_moved_off({ name })
		};
	}
};
