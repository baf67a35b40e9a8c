import { dateFormat } from '#lib/shared/intl.ts';
/**
 * Formats agenda times ('YYYY-MM-DDTHH:MM', wall-clock time of the event's time zone) for
 * display. The values are already local, so they are read as UTC and formatted in UTC: no
 * conversion happens, and server and browser render the same text whatever their own zone.
 */
function asUtc(local: string): Date {
	const [date = '', time = '00:00'] = local.split('T');
	const [y = 1970, mo = 1, d = 1] = date.split('-').map(Number);
	const [h = 0, mi = 0] = time.split(':').map(Number);
	return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

export function formatTime(local: string, locale: string): string {
	return dateFormat(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(asUtc(local));
}

/** "Tuesday, 12 May 2026" / "Dienstag, 12. Mai 2026" for a 'YYYY-MM-DD' or a datetime string. */
export function formatDay(local: string, locale: string): string {
	return dateFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(asUtc(local.slice(0, 10)));
}

/** "09:00–10:30"; a session running past midnight gets the end day too. */
export function formatTimeRange(startsAt: string, endsAt: string, locale: string): string {
	const sameDay = startsAt.slice(0, 10) === endsAt.slice(0, 10);
	const end = sameDay ? formatTime(endsAt, locale) : `${formatDay(endsAt, locale)} ${formatTime(endsAt, locale)}`;
	return `${formatTime(startsAt, locale)}–${end}`;
}
