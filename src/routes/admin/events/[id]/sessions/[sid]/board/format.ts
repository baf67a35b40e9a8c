import { dateFormat } from '#lib/shared/intl.ts';
/**
 * A sign-up time (epoch ms) as the room's clock read it: in the event's time zone, with
 * seconds, since first come, first served is decided by them. Server and browser get the same
 * text because the zone is explicit.
 */
export function formatSignUp(ms: number, locale: string, timeZone: string): string {
	return dateFormat(locale, {
		timeZone,
		day: '2-digit',
		month: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).format(new Date(ms));
}

/** A saved moment (epoch ms) in the event's zone, date and time to the minute. */
export function formatSaved(ms: number, locale: string, timeZone: string): string {
	return dateFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(ms));
}

export const isoOf = (ms: number) => new Date(ms).toISOString();
