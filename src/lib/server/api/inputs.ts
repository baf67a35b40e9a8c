import { z } from 'zod';
import { eventInput, sessionInput, type EventInput, type SessionInput } from '../../shared/events.ts';
import type { EventRecord, SessionRecord } from '../events/service.ts';
import { onlyFields, parseWith } from './body.ts';

/**
 * Request bodies of the API. Creation validates with the same zod schemas as the forms; a PATCH
 * merges the given fields into the current record and validates the whole, so a partial change
 * can never leave an event ending before it starts.
 */
export const EVENT_FIELDS = Object.keys(eventInput.shape) as readonly (keyof EventInput)[];
export const SESSION_FIELDS = Object.keys(sessionInput.shape) as readonly (keyof SessionInput)[];

export function eventCreateBody(body: unknown): EventInput {
	return parseWith(eventInput, onlyFields(body, EVENT_FIELDS));
}

export function eventPatchBody(current: EventRecord, body: unknown): EventInput {
	const patch = onlyFields(body, EVENT_FIELDS);
	const base: EventInput = {
		title: current.title,
		startsOn: current.startsOn,
		endsOn: current.endsOn,
		timeZone: current.timeZone,
		defaultLocale: current.defaultLocale,
		retentionOn: current.retentionOn
	};
	return parseWith(eventInput, { ...base, ...patch });
}

export function sessionCreateBody(body: unknown): SessionInput {
	return parseWith(sessionInput, withoutNullUrl(onlyFields(body, SESSION_FIELDS)));
}

export function sessionPatchBody(current: SessionRecord, body: unknown): SessionInput {
	const patch = onlyFields(body, SESSION_FIELDS);
	const base = {
		kind: current.kind,
		title: current.title,
		startsAt: current.startsAt,
		endsAt: current.endsAt,
		room: current.room,
		livestreamUrl: current.livestreamUrl
	};
	return parseWith(sessionInput, withoutNullUrl({ ...base, ...patch }));
}

/** Records say `livestreamUrl: null` for "none"; accept that back (the form schema knows only ''). */
function withoutNullUrl(value: Record<string, unknown>): Record<string, unknown> {
	return value.livestreamUrl === null ? { ...value, livestreamUrl: undefined } : value;
}

export const sessionOrderInput = z.strictObject({ sessionIds: z.array(z.string().min(1).max(100)).max(1000) });

export function sessionOrderBody(body: unknown): string[] {
	return parseWith(sessionOrderInput, body).sessionIds;
}
