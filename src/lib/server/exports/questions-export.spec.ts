import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../tests/support/csv.ts';
import { CSV_BOM, RFC4180, SEMICOLON } from './csv.ts';
import { exportedQuestion, type ExportedQuestion } from './questions-collect.ts';
import { QUESTION_COLUMNS, questionsCsv } from './questions-csv.ts';
import { questionsFileName } from './questions-download.ts';
import { questionsJsonDocument } from './questions-json.ts';
import type { EventRecord, SessionRecord } from '../events/service.ts';
import type { StaffQuestion } from '../../shared/qa.ts';

const session = { id: 's1', title: 'Podium: Verkehrswende' };
const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);
let n = 0;
function staffQuestion(patch: Partial<StaffQuestion> = {}): StaffQuestion {
	n++;
	return {
		id: `q${n}`,
		sessionId: session.id,
		text: `Frage ${n}`,
		name: null,
		channel: 'room',
		votes: 0,
		status: 'approved',
		pinned: false,
		reply: null,
		edited: false,
		createdAt: T0 + n * 1000,
		answeredAt: null,
		hideReason: null,
		flagged: false,
		...patch
	};
}
const exported = (patch: Partial<StaffQuestion> = {}): ExportedQuestion => exportedQuestion(staffQuestion(patch), session);

/** What people type to break a page or a spreadsheet; an export must carry it unchanged. */
const PAYLOADS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
	'javascript:alert(1)',
	'Rechnung\u202Efdp.exe',
	'Null\u200Bbreite\u200BZeichen',
	'Donaudampfschifffahrtsgesellschaft'.repeat(15).slice(0, 500)
];

const records = (text: string, delimiter = ',') => {
	const [header, ...rows] = parseCsv(text, delimiter);
	return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};

describe('question CSV (Q10)', () => {
	it('Q10: starts with a byte order mark and names its columns with stable identifiers', () => {
		const text = questionsCsv([], RFC4180);
		expect(text.startsWith(CSV_BOM)).toBe(true);
		expect(parseCsv(text)).toEqual([[...QUESTION_COLUMNS]]);
		expect(QUESTION_COLUMNS).toEqual([
			'question_id',
			'session',
			'question',
			'name',
			'votes',
			'status',
			'hide_reason',
			'reply',
			'channel',
			'created_at',
			'answered_at'
		]);
	});

	it('Q10: one row per question with votes, state, hide reason, reply, room/online and times', () => {
		const answered = exported({
			text: 'Wann kommt die S-Bahn?',
			name: 'Anna',
			channel: 'online',
			votes: 12,
			status: 'answered',
			reply: 'Ende 2027.',
			answeredAt: T0 + 60_000
		});
		const hidden = exported({ text: 'Werbung', status: 'hidden', hideReason: 'off_topic' });
		const lines = questionsCsv([answered, hidden], RFC4180).split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[3]).toBe('');
		expect(records(questionsCsv([answered, hidden], RFC4180))).toEqual([
			{
				question_id: answered.id,
				session: 'Podium: Verkehrswende',
				question: 'Wann kommt die S-Bahn?',
				name: 'Anna',
				votes: '12',
				status: 'answered',
				hide_reason: '',
				reply: 'Ende 2027.',
				channel: 'online',
				created_at: answered.createdAt,
				answered_at: '2026-05-04T09:01:00.000Z'
			},
			{
				question_id: hidden.id,
				session: 'Podium: Verkehrswende',
				question: 'Werbung',
				name: '',
				votes: '0',
				status: 'hidden',
				hide_reason: 'off_topic',
				reply: '',
				channel: 'room',
				created_at: hidden.createdAt,
				answered_at: ''
			}
		]);
		expect(answered.createdAt).toMatch(/^2026-05-04T09:00:\d\d\.000Z$/);
	});

	it('Q8 Q10: markup, script URLs, bidi and zero-width characters and a 500-character word come back literally', () => {
		const qs = PAYLOADS.map((text, i) => exported({ text, name: PAYLOADS[(i + 1) % PAYLOADS.length]!.slice(0, 60), reply: text }));
		const rows = records(questionsCsv(qs, RFC4180));
		expect(rows.map((r) => r.question)).toEqual(PAYLOADS);
		expect(rows.map((r) => r.reply)).toEqual(PAYLOADS);
		expect(rows.map((r) => r.name)).toEqual(qs.map((q) => q.name));
		expect(rows[4]!.question).toContain('\u202E');
		expect(rows[5]!.question).toBe('Null\u200Bbreite\u200BZeichen');
		expect(rows[6]!.question).toHaveLength(500);
		// No HTML escaping either: the file is data, not a page.
		expect(questionsCsv(qs, RFC4180)).not.toContain('&lt;');
	});

	it('P10 Q10: text, name and reply cells that a spreadsheet would run as a formula are neutralised', () => {
		const qs = [
			exported({ text: '=1+1', name: '@SUM(A1:A2)', reply: '-2' }),
			exported({ text: '@SUM(A1:A9)', name: '+3', reply: '=HYPERLINK("http://evil.example","klick")' }),
			exported({ text: '-2', name: '-Carla', reply: '+3' }),
			exported({ text: '+3', name: '=cmd', reply: '@x' })
		];
		const text = questionsCsv(qs, RFC4180);
		for (const row of parseCsv(text)) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false);
		const rows = records(text);
		expect(rows.map((r) => [r.question, r.name, r.reply])).toEqual([
			["'=1+1", "'@SUM(A1:A2)", "'-2"],
			["'@SUM(A1:A9)", "'+3", `'=HYPERLINK("http://evil.example","klick")`],
			["'-2", "'-Carla", "'+3"],
			["'+3", "'=cmd", "'@x"]
		]);
		// The session title is typed by staff and is neutralised as well.
		const staffTyped = exportedQuestion(staffQuestion(), { id: 's2', title: '=Abschluss' });
		expect(records(questionsCsv([staffTyped], RFC4180))[0]!.session).toBe("'=Abschluss");
	});

	it('Q10: a question asked anonymously has an empty name; no participant id anywhere', () => {
		const q = staffQuestion({ name: null });
		const withSecret = { ...q, participantId: 'p-secret-7f3a' } as StaffQuestion;
		const text = questionsCsv([exportedQuestion(withSecret, session)], RFC4180);
		expect(records(text)[0]!.name).toBe('');
		expect(text).not.toContain('p-secret-7f3a');
		expect(text).not.toContain('participant');
	});

	it('Q10: line breaks, quotes and delimiters are quoted per RFC 4180; semicolons for German spreadsheets', () => {
		const q = exported({ text: 'Zeile 1\nZeile 2, "zitiert"; mit Ümlaut', votes: 3 });
		expect(records(questionsCsv([q], RFC4180))[0]!.question).toBe('Zeile 1\nZeile 2, "zitiert"; mit Ümlaut');
		const semi = questionsCsv([q], SEMICOLON);
		expect(semi.split('\r\n')[0]).toBe(CSV_BOM + QUESTION_COLUMNS.join(';'));
		expect(records(semi, ';')[0]).toMatchObject({ question: 'Zeile 1\nZeile 2, "zitiert"; mit Ümlaut', votes: '3' });
	});
});

describe('question JSON (Q10)', () => {
	const event = { id: 'e1', title: 'Bürgerforum Mobilität 2026', timeZone: 'Europe/Berlin' };

	it('Q10: holds the same fields as the CSV, with names only where given and no participant id', () => {
		const named = exported({ text: 'Warum?', name: 'Dora', votes: 2, status: 'answered', reply: 'Darum.', answeredAt: T0 + 5000 });
		const anonymous = { ...staffQuestion({ text: 'Und?', status: 'hidden', hideReason: 'duplicate' }), participantId: 'p-secret-7f3a' } as StaffQuestion;
		const doc = questionsJsonDocument(event, [named, exportedQuestion(anonymous, session)], T0 + 10_000);
		expect(doc).toMatchObject({ format: 'plenum-questions', version: 1, exportedAt: '2026-05-04T09:00:10.000Z', event });
		expect(doc.questions[0]).toEqual({
			id: named.id,
			session,
			text: 'Warum?',
			name: 'Dora',
			votes: 2,
			status: 'answered',
			hideReason: null,
			reply: 'Darum.',
			channel: 'room',
			createdAt: named.createdAt,
			answeredAt: '2026-05-04T09:00:05.000Z'
		});
		expect(doc.questions[1]).toMatchObject({ name: null, status: 'hidden', hideReason: 'duplicate', answeredAt: null });
		expect(Object.keys(doc.questions[1]!).sort()).toEqual(
			['answeredAt', 'channel', 'createdAt', 'hideReason', 'id', 'name', 'reply', 'session', 'status', 'text', 'votes'].sort()
		);
		const text = JSON.stringify(doc);
		expect(text).not.toContain('p-secret-7f3a');
		expect(text).not.toContain('participant');
	});

	it('Q8 Q10: payloads and formula-like text stay exactly as typed (JSON is not a spreadsheet)', () => {
		const texts = [...PAYLOADS, '=1+1', '@SUM(A1:A2)', '-2', '+3'];
		const doc = questionsJsonDocument(
			event,
			texts.map((text) => exported({ text, reply: text })),
			T0
		);
		const back = JSON.parse(JSON.stringify(doc)) as typeof doc;
		expect(back.questions.map((q) => q.text)).toEqual(texts);
		expect(back.questions.map((q) => q.reply)).toEqual(texts);
	});
});

describe('question export file names', () => {
	const event = { id: 'e1', title: 'Jahrestagung Bürgerbeteiligung 2026' } as EventRecord;
	it('names the event and the session, in plain ASCII', () => {
		expect(questionsFileName({ event, session: null }, 'csv')).toBe('plenum-questions-jahrestagung-buergerbeteiligung-2026.csv');
		expect(questionsFileName({ event, session: { title: 'Eröffnung & Grußworte' } as SessionRecord }, 'json')).toBe(
			'plenum-questions-jahrestagung-buergerbeteiligung-2026-eroeffnung-grussworte.json'
		);
		expect(questionsFileName({ event: { ...event, title: '会议' }, session: null }, 'csv')).toBe('plenum-questions.csv');
	});
});
