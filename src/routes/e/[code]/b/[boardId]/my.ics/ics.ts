import { localToUtcStamp, utcStamp } from './local-time.ts';

/**
 * One workshop as an iCalendar file (RFC 5545): a VCALENDAR with one VEVENT, times in UTC, text
 * escaped, lines ended by CRLF and folded at 75 octets.
 */
export interface CalendarEvent {
	/** Stable per participant and board: importing again updates the entry instead of adding one. */
	uid: string;
	/** When the file was made (DTSTAMP), epoch ms. */
	stamp: number;
	/** Wall-clock 'YYYY-MM-DDTHH:MM' in `timeZone`. */
	start: string;
	end: string;
	timeZone: string;
	summary: string;
	location: string;
	description: string;
	url: string | null;
}

/** RFC 5545 line length limit in octets, without the CRLF. */
export const ICS_LINE_OCTETS = 75;
const CRLF = '\r\n';
const encoder = new TextEncoder();

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(value: string): string {
	let out = '';
	for (const ch of value.replace(/\r\n?/g, '\n')) {
		const code = ch.codePointAt(0) ?? 0;
		if (ch === '\\' || ch === ';' || ch === ',') out += `\\${ch}`;
		else if (ch === '\n') out += '\\n';
		else if (code >= 0x20 && code !== 0x7f) out += ch;
	}
	return out;
}

/** Folds a content line (RFC 5545 3.1): at most 75 octets each, never inside a UTF-8 character; continuation lines start with a space. */
export function foldLine(line: string): string {
	const lines: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = encoder.encode(ch).length;
		if (octets + size > ICS_LINE_OCTETS) {
			lines.push(current);
			current = ' ';
			octets = 1;
		}
		current += ch;
		octets += size;
	}
	lines.push(current);
	return lines.join(CRLF);
}

export function calendarFile(e: CalendarEvent): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Plenum//Workshop boards//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${escapeText(e.uid)}`,
		`DTSTAMP:${utcStamp(e.stamp)}`,
		`DTSTART:${localToUtcStamp(e.start, e.timeZone)}`,
		`DTEND:${localToUtcStamp(e.end, e.timeZone)}`,
		`SUMMARY:${escapeText(e.summary)}`,
		...(e.location.trim() ? [`LOCATION:${escapeText(e.location)}`] : []),
		...(e.description.trim() ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
		...(e.url ? [`URL:${e.url}`] : []),
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join(CRLF) + CRLF;
}
