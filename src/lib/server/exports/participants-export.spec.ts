import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../tests/support/csv.ts';
import { sqliteDb } from '../../../../tests/support/databases.ts';
import { testDeps } from '../../../../tests/support/deps.ts';
import type { DbHandle } from '../db/connect.ts';
import * as auth from '../auth/service.ts';
import * as events from '../events/service.ts';
import { joinEvent } from '../participants/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../boards/board.ts';
import { claimSeat } from '../boards/seats.ts';
import { CSV_BOM, RFC4180, SEMICOLON } from './csv.ts';
import { exportedParticipant, exportedParticipants, workshopList, type ExportedParticipant } from './participants-collect.ts';
import { PARTICIPANT_COLUMNS, participantsCsv } from './participants-csv.ts';
import { participantsJsonDocument } from './participants-json.ts';
import { participantsExportResponse, participantsFileName } from './participants-download.ts';
import type { BoardParticipant, PublicWorkshop } from '../../shared/boards.ts';

const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);
const workshop = { title: 'Werkstatt: Smarte Parkplätze' };
let n = 0;
function participant(patch: Partial<BoardParticipant> = {}): BoardParticipant {
	n++;
	return { participantId: `p-secret-${n}`, name: `Person ${n}`, status: 'confirmed', position: null, signedUpAt: T0 + n * 1000, ...patch };
}
const records = (text: string, delimiter = ',') => {
	const [header, ...rows] = parseCsv(text, delimiter);
	return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};

describe('participant CSV (B10)', () => {
	it('B10: starts with a byte order mark and names its columns with stable identifiers', () => {
		const text = participantsCsv([], RFC4180);
		expect(text.startsWith(CSV_BOM)).toBe(true);
		expect(parseCsv(text)).toEqual([['workshop', 'name', 'status', 'position', 'signed_up_at']]);
		expect(PARTICIPANT_COLUMNS).toEqual(['workshop', 'name', 'status', 'position', 'signed_up_at']);
	});

	it('B10: confirmed first, then the waitlist with its positions; no name stays empty; never a participant id', () => {
		const confirmed = [participant({ name: 'Anna' }), participant({ name: null })];
		const waitlist = [participant({ name: 'Ben', status: 'waitlisted', position: 1 }), participant({ name: 'Cem', status: 'waitlisted', position: 2 })];
		const rows = exportedParticipants({ workshop: workshop as PublicWorkshop, confirmed, waitlist });
		const text = participantsCsv(rows, RFC4180);
		expect(records(text)).toEqual([
			{ workshop: workshop.title, name: 'Anna', status: 'confirmed', position: '', signed_up_at: new Date(confirmed[0]!.signedUpAt).toISOString() },
			{ workshop: workshop.title, name: '', status: 'confirmed', position: '', signed_up_at: new Date(confirmed[1]!.signedUpAt).toISOString() },
			{ workshop: workshop.title, name: 'Ben', status: 'waitlisted', position: '1', signed_up_at: new Date(waitlist[0]!.signedUpAt).toISOString() },
			{ workshop: workshop.title, name: 'Cem', status: 'waitlisted', position: '2', signed_up_at: new Date(waitlist[1]!.signedUpAt).toISOString() }
		]);
		expect(text).not.toContain('p-secret');
		expect(text).not.toContain('participant');
	});

	it('P10 B10: names and titles a spreadsheet would run as a formula are neutralised; markup stays literal', () => {
		const rows = ['=1+1', '@SUM(A1:A2)', '-Carla', '+3', '<script>alert(1)</script>'].map((name) =>
			exportedParticipant(participant({ name }), { title: '=Werkstatt' })
		);
		const text = participantsCsv(rows, RFC4180);
		for (const row of parseCsv(text)) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false);
		expect(records(text).map((r) => [r.workshop, r.name])).toEqual([
			["'=Werkstatt", "'=1+1"],
			["'=Werkstatt", "'@SUM(A1:A2)"],
			["'=Werkstatt", "'-Carla"],
			["'=Werkstatt", "'+3"],
			["'=Werkstatt", '<script>alert(1)</script>']
		]);
	});

	it('B10: semicolons for German spreadsheets; quotes and delimiters quoted per RFC 4180', () => {
		const row = exportedParticipant(participant({ name: 'Müller; "Mia", Dr.' }), workshop);
		const semi = participantsCsv([row], SEMICOLON);
		expect(semi.split('\r\n')[0]).toBe(CSV_BOM + PARTICIPANT_COLUMNS.join(';'));
		expect(records(semi, ';')[0]!.name).toBe('Müller; "Mia", Dr.');
		expect(records(participantsCsv([row], RFC4180))[0]!.name).toBe('Müller; "Mia", Dr.');
	});
});

describe('participant JSON (B10)', () => {
	const event = { id: 'e1', title: 'Smart-City-Tag 2026', timeZone: 'Europe/Berlin' };
	const list = {
		board: { id: 'b1', title: 'Themenwerkstätten', mode: 'fcfs' as const, drawn: false },
		workshop: {
			sessionId: 's1',
			title: workshop.title,
			room: 'Raum 2',
			startsAt: '2026-05-04T14:00',
			endsAt: '2026-05-04T15:30',
			capacity: 12
		} as PublicWorkshop
	};

	it('B10: the workshop, then the same fields as the CSV; names only where given; no participant id', () => {
		const rows: ExportedParticipant[] = [
			exportedParticipant(participant({ name: 'Anna' }), workshop),
			exportedParticipant(participant({ name: null, status: 'waitlisted', position: 1 }), workshop)
		];
		const doc = participantsJsonDocument(event, list, rows, T0);
		expect(doc).toMatchObject({
			format: 'plenum-participants',
			version: 1,
			exportedAt: '2026-05-04T09:00:00.000Z',
			event,
			workshop: {
				id: 's1',
				title: workshop.title,
				room: 'Raum 2',
				startsAt: '2026-05-04T14:00',
				endsAt: '2026-05-04T15:30',
				capacity: 12,
				board: 'Themenwerkstätten'
			}
		});
		expect(doc.participants[1]).toEqual({ workshop: workshop.title, name: null, status: 'waitlisted', position: 1, signedUpAt: rows[1]!.signedUpAt });
		expect(Object.keys(doc.participants[0]!).sort()).toEqual(['name', 'position', 'signedUpAt', 'status', 'workshop']);
		expect(JSON.stringify(doc)).not.toContain('p-secret');
	});

	it('B10: formula-like names stay exactly as typed (JSON is not a spreadsheet)', () => {
		const doc = participantsJsonDocument(event, list, [exportedParticipant(participant({ name: '=1+1' }), workshop)], T0);
		expect(doc.participants[0]!.name).toBe('=1+1');
	});

	it('names the event and the workshop in plain ASCII', () => {
		expect(participantsFileName({ title: 'Smart-City-Tag 2026' }, { title: 'Werkstatt: Grüne Höfe' }, 'csv')).toBe(
			'plenum-participants-smart-city-tag-2026-werkstatt-gruene-hoefe.csv'
		);
	});
});

describe('participant list from the database (B10)', () => {
	let h: DbHandle & { drop(): Promise<void> };
	let t: ReturnType<typeof testDeps>;
	let ownerId: string;
	let eventId: string;
	let a: string;
	let plenary: string;

	beforeAll(async () => {
		h = await sqliteDb.open();
		t = testDeps(h);
		ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: 'correct horse battery' }, t.deps)).id;
		const ev = {
			title: 'Smart-City-Tag',
			startsOn: '2026-05-04',
			endsOn: '2026-05-04',
			timeZone: 'Europe/Berlin',
			defaultLocale: 'de' as const,
			retentionOn: '2026-08-01'
		};
		eventId = (await events.createEvent(ev, { userId: ownerId, isAdmin: true }, t.deps)).id;
		const session = (kind: 'workshop' | 'plenary', title: string) => ({
			kind,
			title,
			startsAt: '2026-05-04T14:00',
			endsAt: '2026-05-04T15:30',
			room: 'Raum 2',
			livestreamUrl: null
		});
		a = (await events.createSession(eventId, session('workshop', 'Werkstatt A'), ownerId, t.deps)).id;
		plenary = (await events.createSession(eventId, session('plenary', 'Abschluss'), ownerId, t.deps)).id;
		const board = await createBoard(eventId, { title: 'Slot 1', mode: 'fcfs', lotteryDeadline: null }, ownerId, t.deps);
		await addWorkshop(board.id, { sessionId: a, capacity: 1, description: '' }, ownerId, t.deps);
		await setBoardState(board.id, 'open', ownerId, t.deps);
		for (const displayName of ['Erste', null, 'Dritte']) {
			const p = (await joinEvent({ eventId, via: 'room', displayName }, t.deps)).participant.id;
			await claimSeat({ participantId: p, eventId, boardId: board.id, sessionId: a, key: `k-${p}` }, t.deps);
			t.clock.advance(1000);
		}
	});
	afterAll(async () => {
		await h.close();
		await h.drop();
	});

	it('B10: one confirmed seat, then the waitlist in order, with positions', async () => {
		const list = await workshopList(a, t.deps);
		expect(list.workshop).toMatchObject({ title: 'Werkstatt A', capacity: 1, confirmed: 1, waitlisted: 2 });
		expect(list.confirmed.map((p) => p.name)).toEqual(['Erste']);
		expect(list.waitlist.map((p) => [p.name, p.position])).toEqual([
			[null, 1],
			['Dritte', 2]
		]);
	});

	it('B10: a session on no board has no list', async () => {
		await expect(workshopList(plenary, t.deps)).rejects.toMatchObject({ code: 'not_found' });
	});

	it('B10: the download is a CSV file that no shared cache keeps', async () => {
		const event = await events.getEvent(eventId, t.deps);
		const res = await participantsExportResponse(event, { id: a, title: 'Werkstatt A' }, 'csv', new URLSearchParams('delimiter=semicolon'), t.deps);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="plenum-participants-smart-city-tag-werkstatt-a.csv"');
		expect(res.headers.get('cache-control')).toBe('no-store');
		const rows = records(await res.text(), ';');
		expect(rows.map((r) => [r.name, r.status, r.position])).toEqual([
			['Erste', 'confirmed', ''],
			['', 'waitlisted', '1'],
			['Dritte', 'waitlisted', '2']
		]);
		const json = await participantsExportResponse(event, { id: a, title: 'Werkstatt A' }, 'json', new URLSearchParams(), t.deps);
		const doc = (await json.json()) as { participants: unknown[] };
		expect(doc.participants).toHaveLength(3);
		await expect(participantsExportResponse(event, { id: a, title: 'A' }, 'csv', new URLSearchParams('delimiter=tab'), t.deps)).rejects.toMatchObject({
			code: 'invalid_payload'
		});
	});
});
