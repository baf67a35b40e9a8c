/**
 * Workshop boards over real sockets (B3, B4, B9 of docs/SPEC.md; R1 and S3 of quality.md): real
 * socket.io clients against the real server on an ephemeral port, on SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { client, connected, emitRaw, waitFor, type TestSocket } from '../support/realtime.ts';
import { checkBoard } from '../support/board-invariants.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { BOARD_TICK_MS } from '../../src/lib/server/realtime/board-feed.ts';
import type { MyBoardState, SeatCounts } from '../../src/lib/shared/boards.ts';
import type { BoardView } from '../../src/lib/shared/protocol.ts';

const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2026-06-01' };
const W = (title: string) => ({ kind: 'workshop' as const, title, startsAt: '2026-05-04T14:00', endsAt: '2026-05-04T15:30', room: title, livestreamUrl: null });
let srv: Running;
let origin: string;
let eventId: string;
let otherEventId: string;
let ownerId: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	const config = testConfig();
	srv = await startServer(config);
	origin = config.publicOrigin;
	const d = srv.app.deps;
	ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: 'correct horse battery' }, d)).id;
	eventId = (await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, d)).id;
	otherEventId = (await events.createEvent({ ...EVENT, title: 'F' }, { userId: ownerId, isAdmin: true }, d)).id;
});

afterAll(async () => {
	for (const s of sockets) s.close();
	await srv.shutdown();
});

/** An open first-come board with workshops of the given capacities (or a draft). */
async function board(caps: number[], state: 'open' | 'draft' = 'open'): Promise<{ boardId: string; ws: string[] }> {
	const d = srv.app.deps;
	const b = await createBoard(eventId, { title: 'Slot', mode: 'fcfs', lotteryDeadline: null }, ownerId, d);
	const ws: string[] = [];
	for (const [i, capacity] of caps.entries()) {
		const sessionId = (await events.createSession(eventId, W(`W${i}`), ownerId, d)).id;
		await addWorkshop(b.id, { sessionId, capacity, description: '' }, ownerId, d);
		ws.push(sessionId);
	}
	if (state === 'open') await setBoardState(b.id, 'open', ownerId, d);
	return { boardId: b.id, ws };
}

/** A phone of the event (or another) that joined and, for its own event, watches the board. */
async function phone(boardId: string, ev = eventId) {
	const { token, participant } = await joinEvent({ eventId: ev, via: 'room' }, srv.app.deps);
	const socket = client(srv.url, { role: 'audience', eventId: ev }, { cookie: `${participantCookieName(ev)}=${token}`, origin });
	sockets.push(socket);
	await connected(socket);
	const mine: MyBoardState[] = [];
	const seats: (SeatCounts & { at: number })[] = [];
	socket.on('board:mine', (m) => void mine.push(m));
	socket.on('board:seats', (s) => void seats.push({ ...s, at: Date.now() }));
	if (ev === eventId) expect(await emitRaw<BoardView>(socket, 'board:watch', { boardId })).toMatchObject({ ok: true, data: { board: { id: boardId } } });
	return { socket, participantId: participant.id, mine, seats };
}
const phones = (boardId: string, n: number) => Promise.all(Array.from({ length: n }, () => phone(boardId)));
const claim = (s: TestSocket, boardId: string, sessionId: string) => emitRaw<MyBoardState>(s, 'board:claim', { boardId, sessionId, key: randomUUID() });
const data = <T>(a: { ok: true; data: T } | { ok: false }): T => {
	if (!a.ok) throw new Error(`refused: ${JSON.stringify(a)}`);
	return a.data;
};

describe('workshop boards over sockets', () => {
	it('R1/B3: six phones claim two seats at once; a cancel promotes the first in line, whose phone is told without asking', async () => {
		const { boardId, ws } = await board([2, 5]);
		const a = ws[0]!;
		const ps = await phones(boardId, 6);
		const acks = (await Promise.all(ps.map((p) => claim(p.socket, boardId, a)))).map(data);
		expect(acks.filter((x) => x.status === 'confirmed')).toHaveLength(2);
		expect(
			acks
				.map((x) => x.position)
				.filter((x) => x !== null)
				.sort()
		).toEqual([1, 2, 3, 4]);
		const holder = ps[acks.findIndex((x) => x.status === 'confirmed')]!;
		const first = ps[acks.findIndex((x) => x.position === 1)]!;
		const second = ps[acks.findIndex((x) => x.position === 2)]!;
		expect(data(await emitRaw<MyBoardState>(holder.socket, 'board:cancel', { boardId, key: randomUUID() }))).toMatchObject({ status: null, sessionId: null });
		// The promoted phone sends nothing: its new seat arrives as board:mine.
		await waitFor(() => first.mine.some((m) => m.status === 'confirmed' && m.sessionId === a), 3000);
		await waitFor(() => second.mine.at(-1)?.position === 1, 3000);
		expect(second.mine.at(-1)).toMatchObject({ status: 'waitlisted', sessionId: a, position: 1 });
		await waitFor(() => holder.seats.some((s) => s.workshops.some((w) => w.sessionId === a && w.confirmed === 2 && w.waitlisted === 3)), 3000);
		expect((await checkBoard(srv.app.deps.db, boardId, { positions: true })).violations).toEqual([]);
	});

	it('B9: seat counts go out at most once per tick and only for the workshops that changed', async () => {
		const { boardId, ws } = await board([5, 5, 5]);
		const [a, b, c] = [ws[0]!, ws[1]!, ws[2]!];
		const watcher = await phone(boardId);
		const ps = await phones(boardId, 10);
		const started = Date.now();
		const acks = (await Promise.all(ps.map((p) => claim(p.socket, boardId, b)))).map(data);
		expect(acks.filter((x) => x.status === 'confirmed')).toHaveLength(5);
		await waitFor(() => watcher.seats.some((s) => s.workshops.some((w) => w.sessionId === b && w.confirmed === 5 && w.waitlisted === 5)), 3000);
		// Claims in B only: every message names B and nothing else.
		for (const s of watcher.seats) expect(s.workshops.map((w) => w.sessionId)).toEqual([b]);
		const elapsed = Date.now() - started;
		expect(watcher.seats.length).toBeLessThanOrEqual(Math.ceil(elapsed / BOARD_TICK_MS) + 1);
		expect(watcher.seats.map((s) => s.seq)).toEqual([...watcher.seats.map((s) => s.seq)].sort((x, y) => x - y));
		// A switch from B to C changes both (and not A); one confirmed phone switches.
		const mover = ps[acks.findIndex((x) => x.status === 'confirmed')]!;
		const seen = watcher.seats.length;
		expect(data(await claim(mover.socket, boardId, c))).toMatchObject({ status: 'confirmed', sessionId: c });
		await waitFor(() => watcher.seats.length > seen, 3000);
		const next = watcher.seats[seen]!;
		expect(next.workshops.map((w) => w.sessionId).sort()).toEqual([b, c].sort());
		expect(next.workshops.map((w) => w.sessionId)).not.toContain(a);
		expect(next.workshops.find((w) => w.sessionId === b)).toMatchObject({ confirmed: 5, waitlisted: 4, seatsLeft: 0 });
		// Eleven claims, yet still at most one message per tick across the whole test.
		const total = Date.now() - started;
		expect(watcher.seats.length).toBeLessThanOrEqual(Math.ceil(total / BOARD_TICK_MS) + 1);
	});

	it('B4/S3: a phone of another event gets not_found for the board; a draft board is not_found for phones', async () => {
		const { boardId, ws } = await board([3]);
		const stranger = await phone(boardId, otherEventId);
		expect(await emitRaw(stranger.socket, 'board:watch', { boardId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await claim(stranger.socket, boardId, ws[0]!)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const draft = await board([3], 'draft');
		const local = await phone(boardId);
		expect(await emitRaw(local.socket, 'board:watch', { boardId: draft.boardId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await claim(local.socket, draft.boardId, draft.ws[0]!)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const list = data(await emitRaw<{ id: string }[]>(local.socket, 'board:list', {}));
		expect(list.map((x) => x.id)).toContain(boardId);
		expect(list.map((x) => x.id)).not.toContain(draft.boardId);
		// Nothing of the refused claims reached the database.
		const rows = await srv.app.deps.db
			.selectFrom('seats')
			.select('participant_id')
			.where('participant_id', 'in', [stranger.participantId, local.participantId])
			.execute();
		expect(rows).toEqual([]);
	});
});
