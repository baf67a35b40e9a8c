import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, csvRecords, parseCsv, type CallResult } from './support.ts';
import { startApiCast, type ApiCast } from './cast.ts';
import type { User } from '../../src/lib/server/auth/service.ts';
import { createSession as createAgendaSession, type EventRecord, type SessionRecord } from '../../src/lib/server/events/service.ts';
import { joinEvent, type Participant } from '../../src/lib/server/participants/service.ts';
import { claimSeat } from '../../src/lib/server/boards/seats.ts';
import { rankChoices } from '../../src/lib/server/boards/draw.ts';
import { myBoardState } from '../../src/lib/server/boards/read.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { askerName, questionText } from '../../src/lib/shared/qa.ts';
import type { MyBoardState } from '../../src/lib/shared/boards.ts';
import type { Deps } from '../../src/lib/server/deps.ts';

/**
 * Workshop boards in the JSON API, the participants export and report-backs, against the built
 * server and a real database (PostgreSQL when DATABASE_URL is set). Participants sign up and rank
 * through the domain (`claimSeat`, `rankChoices`), as a phone's socket would. Rule ids: B1–B10
 * (boards), AC3 (who moderates), AT1 (token rights), S3 (cross-event isolation), P10 (CSV injection).
 */

type ErrorBody = { error: { code: string; message: string } };
type Workshop = {
	sessionId: string;
	title: string;
	room: string;
	description: string;
	startsAt: string;
	endsAt: string;
	capacity: number;
	confirmed: number;
	waitlisted: number;
	seatsLeft: number;
	leads: string[];
};
type Board = {
	id: string;
	eventId: string;
	title: string;
	mode: 'fcfs' | 'lottery';
	state: 'draft' | 'open' | 'closed';
	lotteryDeadline: string | null;
	seedHash: string | null;
	seed: string | null;
	drawnAt: string | null;
	drawSummary: { byRank: number[]; none: number; entrants: number } | null;
	workshops: Workshop[];
};
type Person = { participantId: string; name: string | null; status: 'confirmed' | 'waitlisted'; position: number | null; signedUpAt: string };
type Lists = { boardId: string; workshops: { sessionId: string; title: string; capacity: number; confirmed: Person[]; waitlist: Person[] }[] };
type Seat = {
	boardId: string;
	participantId: string;
	sessionId: string | null;
	status: string | null;
	position: number | null;
	choices: string[] | null;
	drawnRank: number | null;
};
type Report = {
	sessionId: string;
	title: string;
	summary: string;
	questions: { id: string; text: string; name: string | null; votes: number; reply: string | null }[];
	polls: { id: string; question: string; kind: string; options: { id: string; label: string }[]; results: { kind: string; voters: number } }[];
	updatedAt: string | null;
};
type ParticipantsExport = {
	format: string;
	version: number;
	exportedAt: string;
	event: { id: string; title: string; timeZone: string };
	workshop: { id: string; title: string; room: string; startsAt: string; endsAt: string; capacity: number; board: string };
	participants: (Omit<Person, 'participantId'> & { workshop: string })[];
};

const EVENT = {
	title: 'Bürgerforum Mobilität 2026',
	startsOn: '2026-05-04',
	endsOn: '2026-05-05',
	timeZone: 'Europe/Berlin',
	defaultLocale: 'de' as const,
	retentionOn: '2026-08-01'
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const COLUMNS = ['workshop', 'name', 'status', 'position', 'signed_up_at'];

let deps: Deps;
let owner: User;
let ownerToken: string;
/** Moderator of `elsewhere` only: a stranger to `event` (S3). */
let otherModeratorToken: string;
let strangerToken: string;
/** Workshop lead of `leadSession` only (AC3). */
let leadToken: string;
let event: EventRecord;
let leadSession: SessionRecord;
let elsewhere: EventRecord;
let elsewhereSession: SessionRecord;
let api: ReturnType<typeof apiCaller>;

async function expectError(p: Promise<CallResult<unknown>>, status: number, code: string): Promise<string> {
	const res = await p;
	expect(res.status, res.text).toBe(status);
	expect((res.json as ErrorBody).error.code, res.text).toBe(code);
	return (res.json as ErrorBody).error.message;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sessionN = 0;
function newWorkshop(title = `Workshop ${++sessionN}`, eventId = event.id, ownerId = owner.id, d = deps): Promise<SessionRecord> {
	return createAgendaSession(
		eventId,
		{ kind: 'workshop', title, startsAt: '2026-05-04T14:00', endsAt: '2026-05-04T15:30', room: `Raum ${++sessionN}`, livestreamUrl: null },
		ownerId,
		d
	);
}

async function participant(displayName: string | null = null, eventId = event.id): Promise<Participant> {
	return (await joinEvent({ eventId, via: 'room', displayName }, deps)).participant;
}

let keyN = 0;
const newKey = () => `board-api-test-key-${++keyN}`;

/** A phone signs up (B8: with a key). A few milliseconds apart, the order by time is certain. */
async function claim(boardId: string, p: Participant, sessionId: string): Promise<MyBoardState> {
	const mine = await claimSeat({ participantId: p.id, eventId: p.eventId, boardId, sessionId, key: newKey() }, deps);
	await sleep(3);
	return mine;
}

function rank(boardId: string, p: Participant, choices: string[]): Promise<MyBoardState> {
	return rankChoices({ participantId: p.id, eventId: p.eventId, boardId, choices, key: newKey() }, deps);
}

async function createBoard(body: unknown): Promise<Board> {
	const res = await api<Board>('POST', `/events/${event.id}/boards`, { body });
	expect(res.status, res.text).toBe(201);
	return res.json;
}

async function addWorkshop(boardId: string, sessionId: string, capacity: number, description?: string): Promise<Board> {
	const res = await api<Board>('POST', `/boards/${boardId}/workshops`, { body: { sessionId, capacity, description } });
	expect(res.status, res.text).toBe(201);
	return res.json;
}

async function post<T>(path: string, body?: unknown): Promise<T> {
	const res = await api<T>('POST', path, { body });
	expect(res.status, `POST ${path}: ${res.text}`).toBe(200);
	return res.json;
}

async function patch<T>(path: string, body: unknown): Promise<T> {
	const res = await api<T>('PATCH', path, { body });
	expect(res.status, `PATCH ${path}: ${res.text}`).toBe(200);
	return res.json;
}

const getBoard = async (id: string) => (await api<Board>('GET', `/boards/${id}`)).json;
const lists = async (id: string, token = ownerToken) => (await api<Lists>('GET', `/boards/${id}/participants`, { token })).json;
const workshop = (b: Board, sessionId: string) => b.workshops.find((w) => w.sessionId === sessionId)!;
const who = (ps: Person[]) => ps.map((p) => p.participantId);

let cast: ApiCast | null = null;

beforeAll(async () => {
	cast = await startApiCast(EVENT, { lead: 'Workshop L: Lastenräder', elsewhere: 'Fremder Workshop' }, (eventId, title, ownerId, d) =>
		newWorkshop(title, eventId, ownerId, d)
	);
	({ deps, api, owner, ownerToken, event, leadSession, elsewhere, elsewhereSession, otherModeratorToken, leadToken, strangerToken } = cast);
});

afterAll(async () => {
	await cast?.close();
});

describe('board endpoints', () => {
	it('B4 B5: a board is created as a draft, gets workshops, opens; staff list it with its drafts', async () => {
		const a = await newWorkshop('Workshop A: Radwege');
		const res = await api<Board>('POST', `/events/${event.id}/boards`, { body: { title: '  Slot 1 – Nachmittag  ' } });
		expect(res.status, res.text).toBe(201);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const id = res.json.id;
		expect(res.headers.get('location')).toBe(`/api/v1/boards/${id}`);
		expect(res.json).toEqual({
			id,
			eventId: event.id,
			title: 'Slot 1 – Nachmittag',
			mode: 'fcfs',
			state: 'draft',
			lotteryDeadline: null,
			seedHash: null,
			seed: null,
			drawnAt: null,
			drawSummary: null,
			workshops: []
		});
		expect((await api<{ boards: Board[] }>('GET', `/events/${event.id}/boards`)).json.boards.find((b) => b.id === id)).toEqual(res.json);
		await expectError(api('POST', `/boards/${id}/open`), 409, 'conflict');

		const withA = await addWorkshop(id, a.id, 2, '  Mit Stadtplan  ');
		expect(withA.workshops).toEqual([
			{
				sessionId: a.id,
				title: a.title,
				room: a.room,
				description: 'Mit Stadtplan',
				startsAt: a.startsAt,
				endsAt: a.endsAt,
				capacity: 2,
				confirmed: 0,
				waitlisted: 0,
				seatsLeft: 2,
				leads: []
			}
		]);
		const b = await newWorkshop('Workshop B: Busnetz');
		expect(workshop(await addWorkshop(id, b.id, 0), b.id)).toMatchObject({ description: '', capacity: 0, seatsLeft: 0 });
		expect((await post<Board>(`/boards/${id}/open`)).state).toBe('open');
		expect((await post<Board>(`/boards/${id}/open`)).state).toBe('open');
		expect(await getBoard(id)).toMatchObject({ state: 'open', workshops: [{ sessionId: a.id }, { sessionId: b.id }] });
	});

	it('B1 B2 B5: the lists show seats and waitlists; a move needs a free seat, raising a capacity promotes, lowering evicts nobody', async () => {
		const a = await newWorkshop('Workshop A');
		const b = await newWorkshop('Workshop B');
		const id = (await createBoard({ title: 'Slot 2' })).id;
		await addWorkshop(id, a.id, 2);
		await addWorkshop(id, b.id, 1);
		await post(`/boards/${id}/open`);
		const [p1, p2, p3, p4] = [await participant('Anna'), await participant('Ben'), await participant('Cem'), await participant(null)];
		expect(await claim(id, p1, a.id)).toMatchObject({ status: 'confirmed' });
		await claim(id, p2, a.id);
		expect(await claim(id, p3, a.id)).toMatchObject({ status: 'waitlisted', position: 1 });
		await claim(id, p4, b.id);

		const board = await getBoard(id);
		expect(workshop(board, a.id)).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 1, seatsLeft: 0 });
		expect(workshop(board, b.id)).toMatchObject({ capacity: 1, confirmed: 1, waitlisted: 0, seatsLeft: 0 });
		const before = await lists(id);
		expect(before.boardId).toBe(id);
		expect(before.workshops.map((w) => [w.sessionId, w.title, w.capacity])).toEqual([
			[a.id, a.title, 2],
			[b.id, b.title, 1]
		]);
		const [la, lb] = before.workshops;
		expect(la!.confirmed.map((p) => [p.participantId, p.name, p.status, p.position])).toEqual([
			[p1.id, 'Anna', 'confirmed', null],
			[p2.id, 'Ben', 'confirmed', null]
		]);
		expect(la!.waitlist.map((p) => [p.participantId, p.name, p.status, p.position])).toEqual([[p3.id, 'Cem', 'waitlisted', 1]]);
		expect(lb!.confirmed.map((p) => [p.participantId, p.name])).toEqual([[p4.id, null]]);
		for (const p of [...la!.confirmed, ...la!.waitlist, ...lb!.confirmed]) expect(p.signedUpAt).toMatch(ISO);

		// B5: a move by hand needs a free seat.
		await expectError(api('POST', `/boards/${id}/moves`, { body: { participantId: p3.id, toSessionId: b.id } }), 409, 'conflict');
		expect(await lists(id)).toEqual(before);
		const raised = await patch<Board>(`/boards/${id}/workshops/${b.id}`, { capacity: 2 });
		expect(workshop(raised, b.id)).toMatchObject({ capacity: 2, confirmed: 1, seatsLeft: 1, description: '' });
		const moved = await post<Seat>(`/boards/${id}/moves`, { participantId: p3.id, toSessionId: b.id });
		expect(moved).toEqual({ boardId: id, participantId: p3.id, sessionId: b.id, status: 'confirmed', position: null, choices: null, drawnRank: null });
		// Moving someone where they sit changes nothing.
		expect(await post<Seat>(`/boards/${id}/moves`, { participantId: p3.id, toSessionId: b.id })).toEqual(moved);
		const after = await lists(id);
		expect(who(after.workshops[0]!.waitlist)).toEqual([]);
		expect(who(after.workshops[1]!.confirmed).sort()).toEqual([p3.id, p4.id].sort());

		// B5: raising a capacity promotes the first in line at once.
		const p5 = await participant('Dora');
		expect(await claim(id, p5, a.id)).toMatchObject({ status: 'waitlisted', position: 1 });
		const three = await patch<Board>(`/boards/${id}/workshops/${a.id}`, { capacity: 3, description: 'Mit Stadtplan' });
		expect(workshop(three, a.id)).toMatchObject({ capacity: 3, confirmed: 3, waitlisted: 0, description: 'Mit Stadtplan' });
		expect(await myBoardState(deps.db, id, p5.id)).toMatchObject({ status: 'confirmed', sessionId: a.id });
		expect(who((await lists(id)).workshops[0]!.confirmed)).toEqual([p1.id, p2.id, p5.id]);

		// Lowering evicts nobody; new sign-ups wait until the confirmed seats fit.
		const one = await patch<Board>(`/boards/${id}/workshops/${a.id}`, { capacity: 1 });
		expect(workshop(one, a.id)).toMatchObject({ capacity: 1, confirmed: 3, seatsLeft: 0, description: 'Mit Stadtplan' });
		const p6 = await participant('Emil');
		expect(await claim(id, p6, a.id)).toMatchObject({ status: 'waitlisted', position: 1 });
		const off = await post<Seat>(`/boards/${id}/moves`, { participantId: p1.id, toSessionId: null });
		expect(off).toEqual({ boardId: id, participantId: p1.id, sessionId: null, status: null, position: null, choices: null, drawnRank: null });
		expect(await myBoardState(deps.db, id, p6.id)).toMatchObject({ status: 'waitlisted', position: 1 });
		await expectError(api('POST', `/boards/${id}/moves`, { body: { participantId: p6.id, toSessionId: a.id } }), 409, 'conflict');
		expect(workshop(await getBoard(id), a.id)).toMatchObject({ confirmed: 2, waitlisted: 1 });

		// Closed: nothing changes for participants; the lists stay.
		const closed = await post<Board>(`/boards/${id}/close`);
		expect(closed.state).toBe('closed');
		await expect(claimSeat({ participantId: p1.id, eventId: event.id, boardId: id, sessionId: b.id, key: newKey() }, deps)).rejects.toMatchObject({
			code: 'conflict'
		});
		expect(who((await lists(id)).workshops[0]!.confirmed)).toEqual([p2.id, p5.id]);
	});

	it('B5: moves, workshops and board changes refuse what does not fit with 400, 404 or 409 and change nothing', async () => {
		const a = await newWorkshop();
		const b = await newWorkshop();
		const loose = await newWorkshop();
		const id = (await createBoard({ title: 'Slot 3' })).id;
		await addWorkshop(id, a.id, 2);
		await addWorkshop(id, b.id, 2);
		await post(`/boards/${id}/open`);
		const p = await participant('Anna');
		await claim(id, p, a.id);
		const before = await getBoard(id);
		const beforeLists = await lists(id);
		const move = (body: unknown) => api('POST', `/boards/${id}/moves`, { body });
		await expectError(move({ participantId: 'no-such-participant', toSessionId: b.id }), 404, 'not_found');
		await expectError(move({ participantId: (await participant('Fremd', elsewhere.id)).id, toSessionId: b.id }), 404, 'not_found');
		await expectError(move({ participantId: p.id, toSessionId: loose.id }), 404, 'not_found');
		expect(await expectError(move({ participantId: p.id }), 400, 'invalid_payload')).toMatch(/^toSessionId: /);
		expect(await expectError(move({ participantId: 7, toSessionId: b.id }), 400, 'invalid_payload')).toMatch(/^participantId: /);
		expect(await expectError(move({ participantId: p.id, toSessionId: b.id, status: 'confirmed' }), 400, 'invalid_payload')).toMatch(
			/^status: unknown or read-only field/
		);
		expect(await expectError(move([]), 400, 'invalid_payload')).toBe('the body must be a JSON object');

		const add = (body: unknown) => api('POST', `/boards/${id}/workshops`, { body });
		await expectError(add({ sessionId: elsewhereSession.id, capacity: 5 }), 404, 'not_found');
		await expectError(add({ sessionId: 'no-such-session', capacity: 5 }), 404, 'not_found');
		await expectError(add({ sessionId: a.id, capacity: 5 }), 409, 'conflict');
		const other = (await createBoard({ title: 'Anderer Slot' })).id;
		await expectError(api('POST', `/boards/${other}/workshops`, { body: { sessionId: b.id, capacity: 5 } }), 409, 'conflict');
		expect(await expectError(add({ sessionId: loose.id, capacity: -1 }), 400, 'invalid_payload')).toMatch(/^capacity: /);
		expect(await expectError(add({ sessionId: loose.id, capacity: 1.5 }), 400, 'invalid_payload')).toMatch(/^capacity: /);
		expect(await expectError(add({ sessionId: loose.id, capacity: 10_001 }), 400, 'invalid_payload')).toMatch(/^capacity: /);
		expect(await expectError(add({ sessionId: loose.id }), 400, 'invalid_payload')).toMatch(/^capacity: /);
		expect(await expectError(add({ sessionId: loose.id, capacity: 3, seats: 3 }), 400, 'invalid_payload')).toMatch(/^seats: unknown or read-only field/);
		expect(await expectError(add({ sessionId: loose.id, capacity: 3, description: 'x'.repeat(1001) }), 400, 'invalid_payload')).toMatch(/^description: /);

		const change = (sessionId: string, body: unknown) => api('PATCH', `/boards/${id}/workshops/${sessionId}`, { body });
		await expectError(change(loose.id, { capacity: 3 }), 404, 'not_found');
		expect(await expectError(change(a.id, { capacity: -3 }), 400, 'invalid_payload')).toMatch(/^capacity: /);
		expect(await expectError(change(a.id, { sessionId: b.id }), 400, 'invalid_payload')).toMatch(/^sessionId: unknown or read-only field/);
		await expectError(api('DELETE', `/boards/${id}/workshops/${a.id}`), 409, 'conflict');
		await expectError(api('DELETE', `/boards/${id}/workshops/${loose.id}`), 404, 'not_found');

		const change2 = (body: unknown) => api('PATCH', `/boards/${id}`, { body });
		await expectError(change2({ mode: 'lottery', lotteryDeadline: new Date(Date.now() + 60_000).toISOString() }), 409, 'conflict');
		expect(await expectError(change2({ title: '' }), 400, 'invalid_payload')).toMatch(/^title: /);
		expect(await expectError(change2({ state: 'closed' }), 400, 'invalid_payload')).toMatch(/^state: unknown or read-only field/);
		expect(await expectError(change2({ workshops: [] }), 400, 'invalid_payload')).toMatch(/^workshops: unknown or read-only field/);
		await expectError(api('POST', `/boards/${id}/draw`), 409, 'conflict');
		expect(await getBoard(id)).toEqual(before);
		expect(await lists(id)).toEqual(beforeLists);

		// What fits: a new title; an empty workshop comes off; a whole board goes.
		expect((await patch<Board>(`/boards/${id}`, { title: 'Slot 3 (neu)' })).title).toBe('Slot 3 (neu)');
		await addWorkshop(id, loose.id, 4);
		const removed = await api('DELETE', `/boards/${id}/workshops/${loose.id}`);
		expect(removed.status, removed.text).toBe(204);
		expect((await getBoard(id)).workshops.map((w) => w.sessionId)).toEqual([a.id, b.id]);
		const gone = await api('DELETE', `/boards/${other}`);
		expect(gone.status, gone.text).toBe(204);
		await expectError(api('GET', `/boards/${other}`), 404, 'not_found');
		expect((await api<{ boards: Board[] }>('GET', `/events/${event.id}/boards`)).json.boards.map((b) => b.id)).not.toContain(other);
	});

	it('B5 B6: invalid boards are refused with invalid_payload and nothing is created', async () => {
		const count = async () => (await api<{ boards: Board[] }>('GET', `/events/${event.id}/boards`)).json.boards.length;
		const n = await count();
		const make = (body: unknown) => api('POST', `/events/${event.id}/boards`, { body });
		expect(await expectError(make({ title: '   ' }), 400, 'invalid_payload')).toMatch(/^title: /);
		expect(await expectError(make({ title: 'x'.repeat(201) }), 400, 'invalid_payload')).toMatch(/^title: /);
		expect(await expectError(make({ title: 'Slot', mode: 'raffle' }), 400, 'invalid_payload')).toMatch(/^mode: /);
		expect(await expectError(make({ title: 'Slot', mode: 'lottery' }), 400, 'invalid_payload')).toMatch(/deadline/);
		expect(await expectError(make({ title: 'Slot', mode: 'lottery', lotteryDeadline: Date.now() + 60_000 }), 400, 'invalid_payload')).toMatch(
			/^lotteryDeadline: must be an ISO 8601 date-time/
		);
		expect(await expectError(make({ title: 'Slot', mode: 'lottery', lotteryDeadline: '2026-05-04T12:00' }), 400, 'invalid_payload')).toMatch(
			/^lotteryDeadline: /
		);
		expect(await expectError(make({ title: 'Slot', mode: 'lottery', lotteryDeadline: 'morgen' }), 400, 'invalid_payload')).toMatch(/^lotteryDeadline: /);
		expect(await expectError(make({ title: 'Slot', state: 'open' }), 400, 'invalid_payload')).toMatch(/^state: unknown or read-only field/);
		expect(await expectError(make('Slot'), 400, 'invalid_payload')).toBe('the body must be a JSON object');
		await expectError(api('POST', `/events/${event.id}/boards`), 400, 'invalid_payload');
		expect(await count()).toBe(n);
	});
});

describe('lottery', () => {
	it('B6 B7: rankings until the deadline, one draw after it with the seed revealed, then first come, first served', async () => {
		const a = await newWorkshop('Lotterie A');
		const b = await newWorkshop('Lotterie B');
		const deadline = new Date(Date.now() + 60_000).toISOString();
		const created = await createBoard({ title: 'Slot 4', mode: 'lottery', lotteryDeadline: deadline });
		expect(created).toMatchObject({ mode: 'lottery', state: 'draft', lotteryDeadline: deadline, seed: null, drawnAt: null, drawSummary: null });
		expect(created.seedHash).toMatch(/^[0-9a-f]{64}$/);
		const id = created.id;
		await addWorkshop(id, a.id, 1);
		await addWorkshop(id, b.id, 5);
		await post(`/boards/${id}/open`);
		const [p1, p2, p3, p4, p5] = [await participant('Anna'), await participant('Ben'), await participant('Cem'), await participant(), await participant()];
		await rank(id, p1, [a.id, b.id]);
		await rank(id, p2, [a.id, b.id]);
		await rank(id, p3, [a.id]);
		// Ranking again replaces the choices (B6).
		expect(await rank(id, p3, [b.id])).toMatchObject({ choices: [b.id] });
		await expect(claimSeat({ participantId: p4.id, eventId: event.id, boardId: id, sessionId: b.id, key: newKey() }, deps)).rejects.toMatchObject({
			code: 'conflict'
		});

		await expectError(api('POST', `/boards/${id}/draw`), 409, 'conflict');
		expect(await getBoard(id)).toMatchObject({ drawnAt: null, seed: null, drawSummary: null });
		// The deadline moves to a second ago, written with an offset; the API answers in UTC.
		const past = new Date(Date.now() - 1000);
		const withOffset = new Date(past.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
		const moved = await patch<Board>(`/boards/${id}`, { lotteryDeadline: withOffset });
		expect(moved.lotteryDeadline).toBe(past.toISOString());
		await expect(rank(id, p4, [a.id])).rejects.toMatchObject({ code: 'conflict' });

		const drawn = await post<Board>(`/boards/${id}/draw`);
		expect(drawn.drawnAt).toMatch(ISO);
		expect(drawn.drawSummary).toEqual({ byRank: [2, 1, 0], none: 0, entrants: 3 });
		expect(drawn.seed).toMatch(/^[0-9a-f]+$/);
		expect(createHash('sha256').update(drawn.seed!).digest('hex')).toBe(created.seedHash);
		expect(drawn.seedHash).toBe(created.seedHash);
		expect(workshop(drawn, a.id)).toMatchObject({ confirmed: 1, seatsLeft: 0 });
		expect(workshop(drawn, b.id)).toMatchObject({ confirmed: 2, seatsLeft: 3 });
		const [la, lb] = (await lists(id)).workshops;
		const winner = la!.confirmed[0]!.participantId;
		expect([p1.id, p2.id]).toContain(winner);
		const loser = winner === p1.id ? p2.id : p1.id;
		expect(who(lb!.confirmed).sort()).toEqual([p3.id, loser].sort());
		expect(await myBoardState(deps.db, id, winner)).toMatchObject({ sessionId: a.id, status: 'confirmed', drawnRank: 1 });
		expect(await myBoardState(deps.db, id, loser)).toMatchObject({ sessionId: b.id, status: 'confirmed', drawnRank: 2 });

		// One draw only; the deadline of a drawn lottery stays.
		await expectError(api('POST', `/boards/${id}/draw`), 409, 'conflict');
		await expectError(api('PATCH', `/boards/${id}`, { body: { lotteryDeadline: deadline } }), 409, 'conflict');
		expect(await getBoard(id)).toEqual(drawn);

		// Seats left after the draw: first come, first served with a waitlist.
		expect(await claim(id, p4, b.id)).toMatchObject({ status: 'confirmed', sessionId: b.id });
		expect(await claim(id, p5, a.id)).toMatchObject({ status: 'waitlisted', position: 1 });
		const fcfs = (await createBoard({ title: 'Slot 5' })).id;
		await expectError(api('POST', `/boards/${fcfs}/draw`), 409, 'conflict');
	});
});

describe('participant exports', () => {
	let w: SessionRecord;
	/** Display names as people type them: formulas, quotes, markup. */
	const NAMES: (string | null)[] = ['=1+1', 'Anna', '-Carla', null, '@SUM(A1:A2)', 'Zeile, "zitiert"; mit Ümlaut', '<script>alert(1)</script>'];
	const people: Participant[] = [];

	beforeAll(async () => {
		w = await newWorkshop('Werkstatt: Öffentlicher Raum');
		const id = (await createBoard({ title: 'Slot 6: Werkstätten' })).id;
		await addWorkshop(id, w.id, 3);
		await post(`/boards/${id}/open`);
		for (const name of NAMES) {
			const p = await participant(name);
			people.push(p);
			await claim(id, p, w.id);
		}
	});

	const expected = () => NAMES.map((name, i) => ({ name, status: i < 3 ? 'confirmed' : 'waitlisted', position: i < 3 ? null : i - 2 }));

	it('B10 P10: the CSV holds the confirmed, then the waitlist in order, with neutralised cells and no participant ids', async () => {
		const res = await api('GET', `/sessions/${w.id}/participants/export.csv`);
		expect(res.status, res.text).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="plenum-participants-buergerforum-mobilitaet-2026-werkstatt-oeffentlicher-raum.csv"'
		);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.text.startsWith('\uFEFF')).toBe(true);
		const rows = parseCsv(res.text);
		expect(rows[0]).toEqual(COLUMNS);
		for (const row of rows) for (const cell of row) expect(FORMULA_START.test(cell), JSON.stringify(cell)).toBe(false);
		const plain = (t: string | null) => (t === null ? '' : FORMULA_START.test(t) ? `'${t}` : t);
		const records = csvRecords(res.text);
		expect(records.map((r) => [r.workshop, r.name, r.status, r.position])).toEqual(
			expected().map((e) => [w.title, plain(e.name), e.status, e.position === null ? '' : String(e.position)])
		);
		for (const r of records) expect(r.signed_up_at).toMatch(ISO);
		for (const p of people) expect(res.text).not.toContain(p.id);

		const semi = await api('GET', `/sessions/${w.id}/participants/export.csv?delimiter=semicolon`);
		expect(csvRecords(semi.text, ';').map((r) => r.name)).toEqual(records.map((r) => r.name));
		await expectError(api('GET', `/sessions/${w.id}/participants/export.csv?delimiter=tab`), 400, 'invalid_payload');
	});

	it('B10: the JSON holds the same, exactly as typed', async () => {
		const res = await api<ParticipantsExport>('GET', `/sessions/${w.id}/participants/export.json`);
		expect(res.status, res.text).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="plenum-participants-buergerforum-mobilitaet-2026-werkstatt-oeffentlicher-raum.json"'
		);
		const doc = res.json;
		expect(doc).toMatchObject({
			format: 'plenum-participants',
			version: 1,
			event: { id: event.id, title: EVENT.title, timeZone: 'Europe/Berlin' },
			workshop: { id: w.id, title: w.title, room: w.room, startsAt: w.startsAt, endsAt: w.endsAt, capacity: 3, board: 'Slot 6: Werkstätten' }
		});
		expect(doc.exportedAt).toMatch(ISO);
		expect(doc.participants.map(({ name, status, position }) => ({ name, status, position }))).toEqual(expected());
		for (const p of doc.participants) {
			expect(Object.keys(p).sort()).toEqual(['name', 'position', 'signedUpAt', 'status', 'workshop']);
			expect(p.workshop).toBe(w.title);
			expect(p.signedUpAt).toMatch(ISO);
		}
		for (const p of people) expect(res.text).not.toContain(p.id);
	});

	it('B10: a session on no board has no list', async () => {
		const s = await newWorkshop();
		await expectError(api('GET', `/sessions/${s.id}/participants/export.csv`), 404, 'not_found');
		await expectError(api('GET', `/sessions/${s.id}/participants/export.json`), 404, 'not_found');
	});
});

describe('report-backs', () => {
	let keyQ = 0;
	async function ask(sessionId: string, text: string, name: string | null = null) {
		const p = await participant();
		return askQuestion(
			{
				participantId: p.id,
				eventId: p.eventId,
				channel: p.channel,
				sessionId,
				text: questionText.parse(text),
				name: askerName.parse(name),
				key: `board-report-q-${++keyQ}`
			},
			deps
		);
	}

	it('B10: the lead picks questions and poll results and writes a summary; a PUT replaces it', async () => {
		const s = await newWorkshop('Workshop R: Fußwege');
		const path = `/sessions/${s.id}/report`;
		const empty = await api<Report>('GET', path);
		expect(empty.status, empty.text).toBe(200);
		expect(empty.json).toEqual({ sessionId: s.id, title: s.title, summary: '', questions: [], polls: [], updatedAt: null });

		const q1 = await ask(s.id, 'Wie breit werden die Gehwege?', 'Anna');
		const q2 = await ask(s.id, '<b>Zebrastreifen?</b>');
		const q3 = await ask(s.id, 'Versteckt');
		expect((await api('POST', `/questions/${q3.id}/moderate`, { body: { action: 'hide', reason: 'other' } })).status).toBe(200);
		const poll = await api<{ id: string }>('POST', `/sessions/${s.id}/polls`, { body: { kind: 'single', question: 'Weiter so?', options: ['Ja', 'Nein'] } });
		expect(poll.status, poll.text).toBe(201);
		await post(`/polls/${poll.json.id}/open`);

		const saved = await api<Report>('PUT', path, {
			body: { summary: '  Drei Ergebnisse:\n1. Breitere Gehwege  ', questionIds: [q2.id, q1.id, q3.id], pollIds: [poll.json.id] }
		});
		expect(saved.status, saved.text).toBe(200);
		expect(saved.json).toMatchObject({ sessionId: s.id, title: s.title, summary: 'Drei Ergebnisse:\n1. Breitere Gehwege' });
		// A hidden question is not shown, also when it was picked.
		expect(saved.json.questions).toEqual([
			{ id: q2.id, text: '<b>Zebrastreifen?</b>', name: null, votes: 0, reply: null },
			{ id: q1.id, text: 'Wie breit werden die Gehwege?', name: 'Anna', votes: 0, reply: null }
		]);
		expect(saved.json.polls).toHaveLength(1);
		expect(saved.json.polls[0]).toMatchObject({
			id: poll.json.id,
			question: 'Weiter so?',
			kind: 'single',
			options: [
				{ id: 'o1', label: 'Ja' },
				{ id: 'o2', label: 'Nein' }
			],
			results: { kind: 'single', voters: 0 }
		});
		expect(saved.json.updatedAt).toMatch(ISO);
		expect((await api<Report>('GET', path)).json).toEqual(saved.json);

		// Invalid bodies and questions or polls of another session change nothing.
		const other = await newWorkshop();
		const foreignQ = await ask(other.id, 'Anderswo?');
		const put = (body: unknown) => api('PUT', path, { body });
		await expectError(put({ questionIds: [foreignQ.id] }), 404, 'not_found');
		await expectError(put({ pollIds: ['no-such-poll'] }), 404, 'not_found');
		expect(await expectError(put({ summary: 'x'.repeat(2001) }), 400, 'invalid_payload')).toMatch(/^summary: /);
		expect(await expectError(put({ questionIds: Array.from({ length: 11 }, (_, i) => `q${i}`) }), 400, 'invalid_payload')).toMatch(/^questionIds: /);
		expect(await expectError(put({ questionIds: [q1.id, q1.id] }), 400, 'invalid_payload')).toBe('questionIds: each question once');
		expect(await expectError(put({ questionIds: q1.id }), 400, 'invalid_payload')).toMatch(/^questionIds: /);
		expect(await expectError(put({ title: 'Neu' }), 400, 'invalid_payload')).toMatch(/^title: unknown or read-only field/);
		expect(await expectError(put([]), 400, 'invalid_payload')).toBe('the body must be a JSON object');
		expect((await api<Report>('GET', path)).json).toEqual(saved.json);

		const cleared = await api<Report>('PUT', path, { body: {} });
		expect(cleared.status, cleared.text).toBe(200);
		expect(cleared.json).toMatchObject({ summary: '', questions: [], polls: [] });
		expect(cleared.json.updatedAt).toMatch(ISO);
	});
});

describe('board rights', () => {
	let id: string;
	let x: SessionRecord;
	let mover: Participant;

	beforeAll(async () => {
		x = await newWorkshop('Workshop X');
		id = (await createBoard({ title: 'Slot 7' })).id;
		await addWorkshop(id, leadSession.id, 2);
		await addWorkshop(id, x.id, 2);
		await post(`/boards/${id}/open`);
		mover = await participant('Lina');
		await claim(id, mover, leadSession.id);
		await claim(id, await participant('Xaver'), x.id);
	});

	const boardEndpoints = (boardId: string, sessionId: string): [string, string, unknown?][] => [
		['GET', `/boards/${boardId}`],
		['PATCH', `/boards/${boardId}`, { title: 'Übernommen' }],
		['DELETE', `/boards/${boardId}`],
		['POST', `/boards/${boardId}/workshops`, { sessionId, capacity: 1 }],
		['PATCH', `/boards/${boardId}/workshops/${sessionId}`, { capacity: 0 }],
		['DELETE', `/boards/${boardId}/workshops/${sessionId}`],
		['POST', `/boards/${boardId}/open`],
		['POST', `/boards/${boardId}/close`],
		['POST', `/boards/${boardId}/draw`],
		['GET', `/boards/${boardId}/participants`],
		['POST', `/boards/${boardId}/moves`, { participantId: mover.id, toSessionId: null }]
	];
	const sessionEndpoints = (sessionId: string): [string, string, unknown?][] => [
		['GET', `/sessions/${sessionId}/participants/export.csv`],
		['GET', `/sessions/${sessionId}/participants/export.json`],
		['GET', `/sessions/${sessionId}/report`],
		['PUT', `/sessions/${sessionId}/report`, { summary: 'Übernommen' }]
	];

	it('S3: a moderator of another event and a stranger get 404 on every board endpoint, as for an unknown id', async () => {
		const before = await getBoard(id);
		const beforeLists = await lists(id);
		const unknownBoard = await expectError(api('GET', '/boards/no-such-board'), 404, 'not_found');
		const unknownSession = await expectError(api('GET', '/sessions/no-such-session/report'), 404, 'not_found');
		const unknownEvent = await expectError(api('GET', '/events/no-such-event/boards'), 404, 'not_found');
		for (const token of [otherModeratorToken, strangerToken]) {
			for (const [method, path, body] of boardEndpoints(id, leadSession.id))
				expect(await expectError(api(method, path, { token, body }), 404, 'not_found'), `${method} ${path}`).toBe(unknownBoard);
			for (const [method, path, body] of sessionEndpoints(leadSession.id))
				expect(await expectError(api(method, path, { token, body }), 404, 'not_found'), `${method} ${path}`).toBe(unknownSession);
			for (const [method, body] of [['GET'], ['POST', { title: 'Fremd' }]] as [string, unknown?][])
				expect(await expectError(api(method, `/events/${event.id}/boards`, { token, body }), 404, 'not_found')).toBe(unknownEvent);
		}
		expect(await getBoard(id)).toEqual(before);
		expect(await lists(id)).toEqual(beforeLists);
		// The same token reaches the boards of its own event: the 404s above are about membership.
		const theirs = await api<{ boards: Board[] }>('GET', `/events/${elsewhere.id}/boards`, { token: otherModeratorToken });
		expect(theirs.status, theirs.text).toBe(200);
	});

	it("AT1 AC3 B10: a workshop lead reads the board and lists, exports and reports on their workshop only; the organiser's actions are 403", async () => {
		const before = await getBoard(id);
		const beforeLists = await lists(id);
		expect(workshop(before, leadSession.id).leads).toEqual(['Lea']);
		expect(workshop(before, x.id).leads).toEqual([]);
		expect((await api<Board>('GET', `/boards/${id}`, { token: leadToken })).json).toEqual(before);
		expect((await api<{ boards: Board[] }>('GET', `/events/${event.id}/boards`, { token: leadToken })).json.boards.map((b) => b.id)).toContain(id);
		const mine = await lists(id, leadToken);
		expect(mine.workshops.map((w) => w.sessionId)).toEqual([leadSession.id]);
		expect(who(mine.workshops[0]!.confirmed)).toEqual([mover.id]);

		for (const [method, path, body] of boardEndpoints(id, x.id).filter(([m, p]) => !(m === 'GET' && (p.endsWith(id) || p.endsWith('/participants')))))
			await expectError(api(method, path, { token: leadToken, body }), 403, 'forbidden');
		await expectError(api('POST', `/events/${event.id}/boards`, { token: leadToken, body: { title: 'Eigenes' } }), 403, 'forbidden');
		for (const [method, path, body] of sessionEndpoints(x.id)) await expectError(api(method, path, { token: leadToken, body }), 403, 'forbidden');
		expect(await getBoard(id)).toEqual(before);
		expect(await lists(id)).toEqual(beforeLists);

		const csv = await api('GET', `/sessions/${leadSession.id}/participants/export.csv`, { token: leadToken });
		expect(csv.status, csv.text).toBe(200);
		expect(csvRecords(csv.text).map((r) => r.name)).toEqual(['Lina']);
		const report = await api<Report>('PUT', `/sessions/${leadSession.id}/report`, { token: leadToken, body: { summary: 'Lastenräder für alle.' } });
		expect(report.status, report.text).toBe(200);
		expect((await api<Report>('GET', `/sessions/${leadSession.id}/report`)).json.summary).toBe('Lastenräder für alle.');

		// A lead of no workshop of a board gets 403 on its lists.
		const none = (await createBoard({ title: 'Ohne Lea' })).id;
		await addWorkshop(none, (await newWorkshop()).id, 3);
		await expectError(api('GET', `/boards/${none}/participants`, { token: leadToken }), 403, 'forbidden');
	});

	it('answers a method a route does not have with a JSON 405 listing the allowed ones', async () => {
		const routes: [string, string, string[]][] = [
			['PUT', `/events/${event.id}/boards`, ['GET', 'POST', 'HEAD']],
			['POST', `/boards/${id}`, ['GET', 'PATCH', 'DELETE', 'HEAD']],
			['GET', `/boards/${id}/workshops`, ['POST']],
			['POST', `/boards/${id}/workshops/${x.id}`, ['PATCH', 'DELETE']],
			['GET', `/boards/${id}/open`, ['POST']],
			['DELETE', `/boards/${id}/close`, ['POST']],
			['GET', `/boards/${id}/draw`, ['POST']],
			['POST', `/boards/${id}/participants`, ['GET', 'HEAD']],
			['GET', `/boards/${id}/moves`, ['POST']],
			['POST', `/sessions/${x.id}/participants/export.csv`, ['GET', 'HEAD']],
			['DELETE', `/sessions/${x.id}/participants/export.json`, ['GET', 'HEAD']],
			['POST', `/sessions/${x.id}/report`, ['GET', 'PUT', 'HEAD']],
			['PATCH', `/sessions/${x.id}/report`, ['GET', 'PUT', 'HEAD']]
		];
		for (const [method, path, allow] of routes) {
			const res = await api(method, path, { body: method === 'GET' ? undefined : {} });
			expect(res.status, `${method} ${path}`).toBe(405);
			expect((res.json as ErrorBody).error.code).toBe('method_not_allowed');
			expect(res.headers.get('allow')?.split(', ').sort(), `${method} ${path}`).toEqual([...allow].sort());
		}
		expect((await getBoard(id)).state).toBe('open');
	});
});
