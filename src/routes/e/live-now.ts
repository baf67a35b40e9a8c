import { dateFormat } from '#lib/shared/intl.ts';
/**
 * "Live now" in the event's own time zone. Agenda times are local wall-clock strings
 * ('YYYY-MM-DDTHH:MM' in event.timeZone), so "now" is turned into the same form and compared as
 * text; that is exact for this fixed-width format and needs no time-zone library.
 */
export function localNow(epochMs: number, timeZone: string): string {
	const parts = dateFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(epochMs);
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** A session is live from its start (inclusive) to its end (exclusive). */
export function isLive(session: { startsAt: string; endsAt: string }, now: string): boolean {
	return session.startsAt <= now && now < session.endsAt;
}
