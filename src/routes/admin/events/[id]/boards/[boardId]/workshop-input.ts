import { m } from '#lib/paraglide/messages.js';
import { BOARD_LIMITS, workshopInput, type WorkshopInput } from '#lib/shared/boards.ts';
import type { FieldErrors } from '../../../form-input.ts';

/**
 * Reading a workshop form (add, or change capacity and description). An empty capacity is an
 * error, not 0: a workshop without seats is a choice to make on purpose. `workshopInput`, shared
 * with the JSON API, decides what is valid.
 */
export const WORKSHOP_FIELDS = ['sessionId', 'capacity', 'description'] as const;
export type WorkshopValues = Record<(typeof WORKSHOP_FIELDS)[number], string>;

/** What the page hands a workshop's card after its form was sent. */
export interface WorkshopResult {
	values?: WorkshopValues;
	errors?: Record<string, string | undefined>;
	error?: string;
	message?: string;
}

export function readWorkshopForm(
	form: FormData
): { ok: true; values: WorkshopValues; data: WorkshopInput } | { ok: false; values: WorkshopValues; errors: FieldErrors } {
	const values = {} as WorkshopValues;
	for (const f of WORKSHOP_FIELDS) {
		const v = form.get(f);
		values[f] = typeof v === 'string' ? v : '';
	}
	const capacity = /^\s*\d{1,6}\s*$/.test(values.capacity) ? Number(values.capacity) : Number.NaN;
	const res = workshopInput.safeParse({ sessionId: values.sessionId, capacity, description: values.description });
	if (res.success) return { ok: true, values, data: res.data };
	const errors: FieldErrors = {};
	for (const issue of res.error.issues) {
		const field = String(issue.path[0] ?? '');
		if (!field || field in errors) continue;
		if (field === 'sessionId') errors.sessionId = m.boardorg_error_session_required();
		else if (field === 'capacity') errors.capacity = m.boardorg_error_capacity({ max: BOARD_LIMITS.maxCapacity });
		else if (field === 'description') errors.description = m.admin_error_too_long({ max: BOARD_LIMITS.descriptionLength });
	}
	return { ok: false, values, errors };
}
