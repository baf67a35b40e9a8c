import { getLocale } from '#lib/paraglide/runtime.js';
import { dateFormat } from '#lib/shared/intl.ts';

/**
 * Date display for the organiser pages. Event dates ('YYYY-MM-DD') and agenda times
 * ('YYYY-MM-DDTHH:MM') are wall-clock values in the event's own time zone, so they are
 * formatted as UTC to show exactly what was entered, never shifted by the viewer's zone.
 * Server and browser then render the same text and hydration never disagrees.
 */
function wallClock(value: string): Date {
	return new Date(`${value.length === 10 ? `${value}T00:00` : value}:00Z`);
}

export function formatDay(ymd: string): string {
	return dateFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(wallClock(ymd));
}

export function formatDayRange(from: string, to: string): string {
	if (from === to) return formatDay(from);
	return dateFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(wallClock(from), wallClock(to));
}

/** "12 Mar 2026, 09:00–10:30", or with both days when a session runs past midnight. */
export function formatSlot(startsAt: string, endsAt: string): string {
	const fmt = dateFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
	return fmt.formatRange(wallClock(startsAt), wallClock(endsAt));
}

/**
 * A moment in time (milliseconds since the epoch), shown in a given zone with the zone's name,
 * so "expires 14 Mar, 10:00 CET" is unambiguous whoever reads it.
 */
export function formatInstant(ms: number, timeZone: string): string {
	// dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out.
	return dateFormat(getLocale(), {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone,
		timeZoneName: 'short'
	}).format(new Date(ms));
}

/** Staff accounts have no time zone of their own; Plenum is German-first, and the zone name is always shown. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

export function isoInstant(ms: number): string {
	return new Date(ms).toISOString();
}
