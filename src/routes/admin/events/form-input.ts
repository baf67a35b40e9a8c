import { eventInput, sessionInput, type EventInput, type SessionInput } from '#lib/shared/events.ts';
import { m } from '#lib/paraglide/messages.js';
import type { z } from 'zod';

/**
 * Reading the event and session forms: the raw strings go back to the page on an error so
 * nothing typed is lost; the zod schemas shared with the JSON API decide what is valid, and
 * their issues become one message per field in the visitor's language.
 */
export type FieldErrors = Record<string, string>;

export const EVENT_FIELDS = ['title', 'startsOn', 'endsOn', 'timeZone', 'defaultLocale', 'retentionOn'] as const;
export type EventValues = Record<(typeof EVENT_FIELDS)[number], string>;
export const SESSION_FIELDS = ['kind', 'title', 'startsAt', 'endsAt', 'room', 'livestreamUrl'] as const;
export type SessionValues = Record<(typeof SESSION_FIELDS)[number], string>;

/** Data may be deleted at the earliest when the event ends; 90 days later is a sensible default (G5). */
export const DEFAULT_RETENTION_DAYS = 90;

export function addDays(ymd: string, days: number): string {
	const d = new Date(`${ymd}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

function read<K extends string>(form: FormData, fields: readonly K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const f of fields) {
		const v = form.get(f);
		out[f] = typeof v === 'string' ? v : '';
	}
	return out;
}

type Parsed<V, T> = { ok: true; values: V; data: T } | { ok: false; values: V; errors: FieldErrors };

export function readEventForm(form: FormData): Parsed<EventValues, EventInput> {
	const values = read(form, EVENT_FIELDS);
	values.title = values.title.trim();
	// An empty retention date takes the suggested default instead of failing the whole form. The
	// form gets the empty field back on an error, so the default follows a corrected end date.
	const input = { ...values };
	if (input.retentionOn === '' && /^\d{4}-\d{2}-\d{2}$/.test(input.endsOn)) input.retentionOn = addDays(input.endsOn, DEFAULT_RETENTION_DAYS);
	const res = eventInput.safeParse(input);
	if (res.success) return { ok: true, values, data: res.data };
	return { ok: false, values, errors: toErrors(res.error.issues, eventMessage) };
}

export function readSessionForm(form: FormData): Parsed<SessionValues, SessionInput> {
	const values = read(form, SESSION_FIELDS);
	const res = sessionInput.safeParse(values);
	if (res.success) return { ok: true, values, data: res.data };
	return { ok: false, values, errors: toErrors(res.error.issues, sessionMessage) };
}

function toErrors(issues: z.core.$ZodIssue[], message: (field: string, code: string) => string): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const field = String(issue.path[0] ?? '');
		// The first problem per field is the one to fix first; more would only crowd the form.
		if (field && !(field in errors)) errors[field] = message(field, issue.code);
	}
	return errors;
}

function eventMessage(field: string, code: string): string {
	switch (field) {
		case 'title':
			return code === 'too_big' ? m.admin_error_too_long({ max: 200 }) : m.admin_error_required();
		case 'startsOn':
			return m.admin_error_date();
		case 'endsOn':
			return code === 'custom' ? m.admin_error_ends_before_start() : m.admin_error_date();
		case 'retentionOn':
			return code === 'custom' ? m.admin_error_retention_before_end() : m.admin_error_date();
		case 'timeZone':
			return m.admin_error_time_zone();
		default:
			return m.admin_error_invalid_choice();
	}
}

function sessionMessage(field: string, code: string): string {
	switch (field) {
		case 'title':
			return code === 'too_big' ? m.admin_error_too_long({ max: 200 }) : m.admin_error_required();
		case 'startsAt':
			return m.admin_error_datetime();
		case 'endsAt':
			return code === 'custom' ? m.admin_error_session_ends_before_start() : m.admin_error_datetime();
		case 'room':
			return m.admin_error_too_long({ max: 100 });
		case 'livestreamUrl':
			return code === 'too_big' ? m.admin_error_too_long({ max: 500 }) : m.admin_error_url();
		default:
			return m.admin_error_invalid_choice();
	}
}
