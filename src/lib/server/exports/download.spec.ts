import { describe, expect, it } from 'vitest';
import { exportFileName, fileSlug, summaryFrom } from './download.ts';
import type { EventRecord, SessionRecord } from '../events/service.ts';
import type { PollRecord } from '../polls/service.ts';

const event = { id: 'e1', title: 'Jahrestagung Bürgerbeteiligung 2026' } as EventRecord;
const session = { id: 's1', title: 'Eröffnung & Grußworte' } as SessionRecord;
const poll = { id: 'p1', sessionId: 's1', position: 3 } as PollRecord;

describe('export downloads', () => {
	it('file names are plain ASCII with German letters spelled out', () => {
		expect(fileSlug('Größe "Ünterschied"/Öl')).toBe('groesse-uenterschied-oel');
		expect(fileSlug('Café — naïve')).toBe('cafe-naive');
		expect(fileSlug('会议')).toBe('');
		expect(fileSlug('a'.repeat(39) + ' b', 40)).toBe('a'.repeat(39));
	});

	it('names the event, the session and the poll the file holds', () => {
		expect(exportFileName({ event, sessions: [session], session: null, poll: null }, 'csv')).toBe('plenum-polls-jahrestagung-buergerbeteiligung-2026.csv');
		expect(exportFileName({ event, sessions: [session], session, poll: null }, 'json')).toBe(
			'plenum-polls-jahrestagung-buergerbeteiligung-2026-eroeffnung-grussworte.json'
		);
		expect(exportFileName({ event, sessions: [session], session: null, poll }, 'csv', true)).toBe(
			'plenum-poll-jahrestagung-buergerbeteiligung-2026-eroeffnung-grussworte-3-summary.csv'
		);
		expect(exportFileName({ event: { ...event, title: '会议' }, sessions: [], session: null, poll: null }, 'csv')).toBe('plenum-polls.csv');
	});

	it('reads ?summary=1|0 and refuses other values', () => {
		expect(summaryFrom(new URLSearchParams())).toBe(false);
		expect(summaryFrom(new URLSearchParams('summary=1'))).toBe(true);
		expect(summaryFrom(new URLSearchParams('summary=true'))).toBe(true);
		expect(summaryFrom(new URLSearchParams('summary=0'))).toBe(false);
		expect(() => summaryFrom(new URLSearchParams('summary=yes'))).toThrow(expect.objectContaining({ code: 'invalid_payload' }));
	});
});
