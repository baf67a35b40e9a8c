import { m } from '#lib/paraglide/messages.js';
import { BOARD_LIMITS, boardInput, type BoardInput } from '#lib/shared/boards.ts';
import type { FieldErrors } from '../../form-input.ts';
import { epochToLocal, localToEpoch } from './deadline.ts';

/**
 * Reading the board form (create and edit): title, mode, and for a lottery the deadline as
 * wall-clock time of the event's zone. The raw strings go back to the page on an error so
 * nothing typed is lost; `boardInput` (shared with the JSON API) decides what is valid.
 */
export const BOARD_FIELDS = ['title', 'mode', 'deadline'] as const;
export type BoardValues = Record<(typeof BOARD_FIELDS)[number], string>;

export function boardValues(b: { title: string; mode: string; lotteryDeadline: number | null }, timeZone: string): BoardValues {
	return { title: b.title, mode: b.mode, deadline: b.lotteryDeadline === null ? '' : epochToLocal(b.lotteryDeadline, timeZone) };
}

/**
 * `current` is the board's stored deadline when editing: an unchanged field keeps it to the
 * millisecond (a deadline set through the API may carry seconds the field cannot show), so
 * saving the title of a drawn board is not mistaken for moving its deadline.
 */
export function readBoardForm(
	form: FormData,
	timeZone: string,
	current: number | null = null
): { ok: true; values: BoardValues; data: BoardInput } | { ok: false; values: BoardValues; errors: FieldErrors } {
	const values = {} as BoardValues;
	for (const f of BOARD_FIELDS) {
		const v = form.get(f);
		values[f] = typeof v === 'string' ? v : '';
	}
	const errors: FieldErrors = {};
	let deadline: number | null = null;
	if (values.mode === 'lottery') {
		if (values.deadline.trim() === '') errors.deadline = m.boardorg_error_deadline_required();
		else if (current !== null && values.deadline.trim().slice(0, 16) === epochToLocal(current, timeZone)) deadline = current;
		else deadline = localToEpoch(values.deadline, timeZone);
		if (deadline === null) errors.deadline ??= m.admin_error_datetime();
	}
	const res = boardInput.safeParse({ title: values.title, mode: values.mode, lotteryDeadline: deadline });
	if (!res.success)
		for (const issue of res.error.issues) {
			const field = issue.path[0] === 'lotteryDeadline' ? 'deadline' : String(issue.path[0] ?? '');
			if (!field || field in errors) continue;
			if (field === 'title') errors.title = issue.code === 'too_big' ? m.admin_error_too_long({ max: BOARD_LIMITS.titleLength }) : m.admin_error_required();
			else if (field === 'deadline') errors.deadline = m.admin_error_datetime();
			else errors[field] = m.admin_error_invalid_choice();
		}
	if (res.success && Object.keys(errors).length === 0) return { ok: true, values, data: res.data };
	return { ok: false, values, errors };
}
