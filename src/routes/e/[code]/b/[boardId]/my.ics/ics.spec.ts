import { describe, expect, it } from 'vitest';
import { calendarFile, escapeText, foldLine, ICS_LINE_OCTETS, type CalendarEvent } from './ics.ts';

const event: CalendarEvent = {
	uid: 'abc123@plenum.example.org',
	stamp: Date.UTC(2026, 5, 1, 8, 0, 0),
	start: '2026-07-15T14:00',
	end: '2026-07-15T15:30',
	timeZone: 'Europe/Berlin',
	summary: 'Workshop B: Daten, Recht; Praxis',
	location: 'Raum 1.12',
	description: 'Erste Zeile\nZweite Zeile',
	url: 'https://plenum.example.org/e/ABCDEF/b/b1'
};

describe('iCalendar file for a workshop seat', () => {
	it('escapes TEXT values per RFC 5545', () => {
		expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
		expect(escapeText('tab\there\u0007')).toBe('tabhere');
	});

	it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
		const line = `SUMMARY:${'ä'.repeat(100)}`;
		const folded = foldLine(line).split('\r\n');
		expect(folded.length).toBeGreaterThan(1);
		for (const l of folded) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(ICS_LINE_OCTETS);
		for (const l of folded.slice(1)) expect(l.startsWith(' ')).toBe(true);
		expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
		expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
	});

	it('has one VEVENT with UTC times, CRLF line ends and escaped text', () => {
		const text = calendarFile(event);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = text.split('\r\n');
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
		expect(lines).toContain('UID:abc123@plenum.example.org');
		expect(lines).toContain('DTSTAMP:20260601T080000Z');
		expect(lines).toContain('DTSTART:20260715T120000Z');
		expect(lines).toContain('DTEND:20260715T133000Z');
		expect(lines).toContain('SUMMARY:Workshop B: Daten\\, Recht\\; Praxis');
		expect(lines).toContain('LOCATION:Raum 1.12');
		expect(lines).toContain('DESCRIPTION:Erste Zeile\\nZweite Zeile');
		expect(lines).toContain('URL:https://plenum.example.org/e/ABCDEF/b/b1');
		expect(lines.at(-2)).toBe('END:VCALENDAR');
	});

	it('leaves out an empty room and description', () => {
		const lines = calendarFile({ ...event, location: ' ', description: '', url: null }).split('\r\n');
		expect(lines.some((l) => l.startsWith('LOCATION'))).toBe(false);
		expect(lines.some((l) => l.startsWith('DESCRIPTION'))).toBe(false);
		expect(lines.some((l) => l.startsWith('URL'))).toBe(false);
	});
});
