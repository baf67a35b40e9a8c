/**
 * G3 and G4 of quality.md: a unique marker in every free-text field an event holds; the owner's
 * archive (JSON, and CSV table by table) holds every one; after the owner deletes the event, no
 * marker and no id of the event is left in the database or in Redis. The built server runs
 * scaled out (real Redis under a prefix of its own; PostgreSQL with DATABASE_URL, else SQLite),
 * with a phone connected and gone, so Redis holds what a live event leaves there.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer } from '../support/built-server.ts';
import { createPgDatabase } from '../support/databases.ts';
import { client, connected } from '../support/realtime.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { acceptInvite, createInvite } from '../../src/lib/server/invites/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { castVote, closePoll, createPoll, openPoll } from '../../src/lib/server/polls/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { replyToQuestion } from '../../src/lib/server/qa/moderation.ts';
import { setWordList } from '../../src/lib/server/qa/settings.ts';
import { addWorkshop, createBoard } from '../../src/lib/server/boards/board.ts';
import { saveReport } from '../../src/lib/server/boards/report.ts';
import { setStage } from '../../src/lib/server/stage/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import { ARCHIVE_TABLES, NOT_EVENT_DATA } from '../../src/lib/server/exports/event-archive.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';
import type { RedisClient } from '../../src/lib/server/redis/link.ts';
import { READER_GRACE_MS } from '../../src/lib/server/redis/broadcast-history.ts';

/**
 * Every text column of the schema, by what it holds. `marked`: free text people write, each
 * seeded with its own marker below. `copy`: derived from marked fields (a final tally, a stage
 * state, a replay cache). `plain`: ids, codes, enums, dates, hashes. A new text column that is
 * not listed fails the first test.
 */
const MARKED = [
	'events.title',
	'events.qa_words',
	'event_sessions.title',
	'event_sessions.room',
	'event_sessions.livestream_url',
	'polls.question',
	'polls.options',
	'poll_votes.answer',
	'questions.text',
	'questions.name',
	'questions.reply',
	'participants.display_name',
	'boards.title',
	'board_workshops.description',
	'report_backs.summary',
	'users.name'
] as const;
const COPY = ['polls.final_tally', 'polls.config', 'polls.results_override', 'boards.draw_summary', 'idempotency_keys.result', 'stage_states.state'];
const PLAIN_NAMES =
	/(^id$|_id$|_ids$|^key$|^code$|_code$|^kind$|^state$|^status$|^channel$|^mode$|^role$|_hash$|^seed$|_on$|_at$|_by$|^time_zone$|^default_locale$|^joined_via$)/;
const PLAIN = [
	'polls.results_visibility',
	'event_sessions.qa_moderation',
	'questions.hide_reason',
	'lottery_entries.choices',
	'users.email',
	'api_tokens.name',
	'settings.value'
];

type Marked = (typeof MARKED)[number];
const run = randomUUID()
	.replace(/[^a-f0-9]/g, '')
	.slice(0, 10);
// Letters and digits only, lower case: the word list keeps words as typed but lower-cased and split at punctuation.
const marker = (field: Marked) => `mk${field.replace(/[^a-z]/g, '')}${run}`.toLowerCase();

let running: Running & { origin: string };
let d: Deps;
let redis: RedisClient;
let prefix: string;
let dropDatabase: (() => Promise<void>) | null = null;
let ownerCookie: string;
let eventId: string;
/** Every id of the event that could sit in Redis: after deletion none may. */
const ids: string[] = [];

beforeAll(async () => {
	const db = process.env.DATABASE_URL ? await createPgDatabase(process.env.DATABASE_URL) : null;
	dropDatabase = db?.drop ?? null;
	prefix = `plenum-erasure-${run}:`;
	running = await startBuiltServer({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix, ...(db ? { DATABASE_URL: db.url } : {}) });
	d = running.app.deps;
	redis = running.app.redis!.client;
	await seed();
});

afterAll(async () => {
	for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
	await running?.shutdown();
	await dropDatabase?.();
});

async function seed(): Promise<void> {
	const owner = await auth.createOwner({ email: 'anna@example.org', name: 'Anna', password: 'correct horse battery' }, d);
	ownerCookie = `${STAFF_COOKIE}=${(await auth.createSession(owner.id, d)).token}`;
	const ev = await events.createEvent(
		{ title: marker('events.title'), startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2099-12-31' },
		{ userId: owner.id, isAdmin: true },
		d
	);
	eventId = ev.id;
	await setWordList(ev.id, marker('events.qa_words'), owner.id, d);
	const mo = await auth.createUser({ email: 'mo@example.org', name: marker('users.name'), password: 'correct horse battery' }, d);
	await acceptInvite((await createInvite({ eventId: ev.id, role: 'moderator', sessionIds: [] }, owner.id, d)).token, { existingUserId: mo.id }, d);
	const base = { startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00' };
	const session = await events.createSession(
		ev.id,
		{
			kind: 'plenary',
			title: marker('event_sessions.title'),
			...base,
			room: marker('event_sessions.room'),
			livestreamUrl: `https://example.org/${marker('event_sessions.livestream_url')}`
		},
		owner.id,
		d
	);
	const workshop = await events.createSession(ev.id, { kind: 'workshop', title: 'W', ...base, room: '', livestreamUrl: null }, owner.id, d);
	const { token, participant } = await joinEvent({ eventId: ev.id, via: 'room', displayName: marker('participants.display_name') }, d);
	const phone = { participantId: participant.id, eventId: ev.id, channel: 'room' as const };
	const choice = await createPoll(
		session.id,
		{
			kind: 'single',
			question: marker('polls.question'),
			options: [marker('polls.options'), 'B'],
			allowChange: true,
			resultsVisibility: 'live',
			showNames: false
		},
		owner.id,
		d
	);
	const open = await createPoll(
		session.id,
		{ kind: 'open', question: 'Was fehlt?', options: [], moderated: false, allowChange: true, resultsVisibility: 'live', showNames: true },
		owner.id,
		d
	);
	await openPoll(open.id, owner.id, d);
	await castVote({ pollId: open.id, ...phone, answer: { kind: 'open', text: marker('poll_votes.answer') }, key: randomUUID() }, d);
	await closePoll(open.id, owner.id, d);
	const q = await askQuestion({ ...phone, sessionId: session.id, text: marker('questions.text'), name: marker('questions.name'), key: randomUUID() }, d);
	await replyToQuestion(q.id, marker('questions.reply'), owner.id, d);
	const board = await createBoard(ev.id, { title: marker('boards.title'), mode: 'fcfs', lotteryDeadline: null }, owner.id, d);
	await addWorkshop(board.id, { sessionId: workshop.id, capacity: 5, description: marker('board_workshops.description') }, owner.id, d);
	await saveReport(workshop.id, { summary: marker('report_backs.summary'), questionIds: [], pollIds: [] }, owner.id, d);
	// Realtime traffic through Redis: the stage shows the question, and a phone comes and goes
	// (its socket's state is kept for recovery).
	await setStage(session.id, { mode: 'question', questionId: q.id, top: false }, undefined, d);
	const s = client(running.url, { role: 'audience', eventId: ev.id }, { cookie: `${participantCookieName(ev.id)}=${token}`, origin: running.origin });
	await connected(s);
	s.disconnect();
	ids.push(ev.id, session.id, workshop.id, participant.id, choice.id, open.id, q.id, board.id);
}

/** Every row of every table but `except`, as text. */
async function databaseText(except: string[] = []): Promise<string> {
	const tables = (await d.db.introspection.getTables()).map((t) => t.name).filter((n) => !except.includes(n));
	const parts: string[] = [];
	for (const t of tables) parts.push(JSON.stringify((await sql`select * from ${sql.table(t)}`.execute(d.db)).rows));
	return parts.join('\n');
}

/** Every key under the server's prefix with its value, whatever its type (session state decoded from base64). */
async function redisText(): Promise<string> {
	const parts: string[] = [];
	for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
		for (const key of keys) {
			const type = await redis.type(key);
			let value: unknown;
			if (type === 'string') {
				const v = (await redis.get(key)) ?? '';
				value = v + '\n' + Buffer.from(v, 'base64').toString('latin1');
			} else if (type === 'stream') value = await redis.xRange(key, '-', '+');
			else if (type === 'hash') value = await redis.hGetAll(key);
			else if (type === 'list') value = await redis.lRange(key, 0, -1);
			else if (type === 'set') value = await redis.sMembers(key);
			else if (type === 'zset') value = await redis.zRange(key, 0, -1);
			parts.push(`${key} ${JSON.stringify(value)}`);
		}
	}
	return parts.join('\n');
}

const asOwner = (path: string, init: RequestInit = {}) =>
	fetch(running.origin + path, { ...init, redirect: 'manual', headers: { cookie: ownerCookie, origin: running.origin, accept: 'text/html', ...init.headers } });

describe('G3/G4: the whole event out, and all of it gone', () => {
	it('every text column of the schema is marked here, a copy of marked ones, or plain', async () => {
		const text = (await d.db.introspection.getTables()).flatMap((t) =>
			t.columns.filter((c) => /text|char/i.test(c.dataType) && t.name !== 'plenum_migrations').map((c) => `${t.name}.${c.name}`)
		);
		const unlisted = text.filter(
			(c) => !(MARKED as readonly string[]).includes(c) && !COPY.includes(c) && !PLAIN.includes(c) && !PLAIN_NAMES.test(c.split('.')[1]!)
		);
		expect(unlisted).toEqual([]);
		// And every table is in the archive or named as not the event's.
		const tables = (await d.db.introspection.getTables()).map((t) => t.name).filter((n) => n !== 'plenum_migrations');
		expect(tables.filter((t) => !Object.hasOwn(ARCHIVE_TABLES, t) && !Object.hasOwn(NOT_EVENT_DATA, t))).toEqual([]);
	});

	it('the seed put each marker where it belongs', async () => {
		for (const field of MARKED) {
			const [table, column] = field.split('.') as [string, string];
			const rows = (await sql<Record<string, unknown>>`select ${sql.ref(column)} as v from ${sql.table(table)}`.execute(d.db)).rows;
			expect(
				rows.some((r) => String(r.v).includes(marker(field))),
				field
			).toBe(true);
		}
	});

	it('G3: the archive holds every marker, as one JSON file and across the CSV tables; others may not take it', async () => {
		const res = await asOwner(`/admin/events/${eventId}/export/archive.json`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="plenum-archive-.+\.json"$/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const json = await res.text();
		const archive = JSON.parse(json) as { tables: Record<string, { rows: unknown[] }> };
		for (const field of MARKED) expect(json, field).toContain(marker(field));
		// No secret leaves: token hashes and the unpublished lottery seed are not in it.
		expect(json).not.toMatch(/token_hash|"seed"/);
		let csv = '';
		for (const table of [...Object.keys(archive.tables), 'team']) {
			const r = await asOwner(`/admin/events/${eventId}/export/archive/${table}.csv`);
			expect(r.status, table).toBe(200);
			expect(r.headers.get('content-type'), table).toMatch(/^text\/csv/);
			csv += await r.text();
		}
		for (const field of MARKED) expect(csv, field).toContain(marker(field));
		expect((await asOwner(`/admin/events/${eventId}/export/archive/users.csv`)).status).toBe(404);
	});

	it('G4: deleting the event leaves no marker in the database and no trace of it in Redis', async () => {
		// Before: Redis does hold ids of the event (the kept socket state, the stage broadcast), so the check below can fail.
		const before = await redisText();
		expect(ids.some((id) => before.includes(id))).toBe(true);
		const res = await asOwner(`/admin/events/${eventId}`.concat('?/delete'), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'confirm=yes'
		});
		expect(res.status).toBe(303);
		// Staff accounts outlive the events they worked on: their names are not the event's data.
		const rest = await databaseText(['users']);
		for (const field of MARKED) expect(rest, field).not.toContain(marker(field));
		for (const id of ids) expect(rest).not.toContain(id);
		// Redis is cleaned right after the commit, without waiting for the history to age out; the
		// last seconds of both streams go a little later (READER_GRACE_MS), for readers still behind.
		await expect
			.poll(
				async () => {
					const now = await redisText();
					// What is left, with the key that holds it.
					return [...MARKED.map(marker), ...ids]
						.filter((x) => now.includes(x))
						.map((x) =>
							now
								.split('\n')
								.find((l) => l.includes(x))!
								.slice(0, 120)
						);
				},
				{ timeout: READER_GRACE_MS + 5000, interval: 500 }
			)
			.toEqual([]);
	}, 20_000);
});
