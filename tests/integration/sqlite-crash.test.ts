/**
 * D1 of quality.md: one Plenum process on SQLite is killed (SIGKILL) at a random moment under
 * load, 20 times, and restarted on the same data. Phones keep voting (changed minds and repeated
 * keys), asking questions and claiming or giving up seats, one action at a time each, and log
 * every acknowledged action with its key and answer. An action that was sent but not answered
 * when the process died is sent again with the same key after the restart (the client contract)
 * and must then be answered.
 *
 * The oracle runs twice per round: on the file the crash left behind (read-only, before the
 * restart: every acknowledged action is there, nothing twice, integrity check ok), and through
 * the restarted server (each phone's vote, questions and seat as the server now reports them
 * equal the log: the state is the same after the restart). A last check reads the final file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isDeepStrictEqual } from 'node:util';
import { io as connect } from 'socket.io-client';
import { systemClock } from '../../src/lib/server/clock.ts';
import { openDatabase } from '../../src/lib/server/db/connect.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import * as polls from '../../src/lib/server/polls/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { PROTOCOL_VERSION, type BoardView, type CurrentPollView, type QaView } from '../../src/lib/shared/protocol.ts';
import type { Answer } from '../../src/lib/shared/polls.ts';
import type { Ack } from '../../src/lib/shared/result.ts';
import { boardViolations, type BoardSnapshot } from '../support/board-invariants.ts';
import { testDeps } from '../support/deps.ts';
import { PlenumProcess } from '../support/plenum-process.ts';
import { percentile } from '../support/cluster.ts';
import { waitFor, type TestSocket } from '../support/realtime.ts';

const PHONES = 60;
const ROUNDS = 20;
const WORKSHOPS = 4;
const CAPACITY = 5;
const OPTIONS = ['o1', 'o2', 'o3'];
/** An answer that takes longer than this from a living server is a finding, not a retry. */
const ACK_TIMEOUT_MS = 10_000;

type Kind = 'vote' | 'ask' | 'claim' | 'cancel';
const EVENT_OF: Record<Kind, string> = { vote: 'poll:vote', ask: 'qa:ask', claim: 'board:claim', cancel: 'board:cancel' };

/** One participant action: its key and payload never change, however often it is sent. */
interface Action {
	kind: Kind;
	key: string;
	payload: Record<string, unknown>;
	/** A deliberate replay of a key already answered (a lost ack, as the client sees it). */
	replay: boolean;
}

/** A simulated phone and its log of what the server acknowledged. */
interface Phone {
	n: number;
	participantId: string;
	socket: TestSocket;
	/** The first answer each key got; every later answer to that key must be the same. */
	acked: Map<string, { kind: Kind; data: unknown }>;
	/** Keys ever sent, answered or not. */
	sent: Set<string>;
	/** The answer of the latest new vote key (what the database must hold). */
	vote: Answer | null;
	/** Acknowledged questions by key. */
	questions: Map<string, { id: string; text: string }>;
	/** The workshop of the latest new claim; null after a cancel. */
	seat: string | null;
	/** Actions with keys already answered, to replay. */
	history: Action[];
	/** The action being sent and not yet answered (at most one: phones act one at a time). */
	pending: Action | null;
	idle: boolean;
}

interface Scene {
	ownerId: string;
	eventId: string;
	sessionId: string;
	pollId: string;
	boardId: string;
	workshops: string[];
}

/** A small seeded generator, so a failing run's choices can be replayed (timing aside). */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let proc: PlenumProcess | null = null;
const sockets: TestSocket[] = [];
let stopped = false;
let paused = false;

afterAll(async () => {
	stopped = true;
	for (const s of sockets) s.close();
	await proc?.kill();
	if (proc) rmSync(proc.dataDir, { recursive: true, force: true });
});

/** Owner, event, a plenary with an open poll (changes allowed; Q&A is on by default) and an open first-come board. */
async function seed(dataDir: string): Promise<{ scene: Scene; joined: { participantId: string; token: string }[] }> {
	const h = await openDatabase({ dataDir });
	try {
		const { deps: d } = testDeps(h, systemClock);
		const ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: 'correct horse battery' }, d)).id;
		const eventId = (
			await events.createEvent(
				{ title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2026-06-01' },
				{ userId: ownerId, isAdmin: true },
				d
			)
		).id;
		const sessionId = (
			await events.createSession(
				eventId,
				{ kind: 'plenary', title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null },
				ownerId,
				d
			)
		).id;
		const poll = await polls.createPoll(
			sessionId,
			{ kind: 'single', question: 'D1?', options: ['Ja', 'Nein', 'Vielleicht'], allowChange: true, resultsVisibility: 'live', showNames: false },
			ownerId,
			d
		);
		await polls.openPoll(poll.id, ownerId, d);
		const board = await createBoard(eventId, { title: 'Slot', mode: 'fcfs', lotteryDeadline: null }, ownerId, d);
		const workshops: string[] = [];
		for (let i = 0; i < WORKSHOPS; i++) {
			const sid = (
				await events.createSession(
					eventId,
					{ kind: 'workshop', title: `W${i}`, startsAt: '2026-05-04T14:00', endsAt: '2026-05-04T15:30', room: `R${i}`, livestreamUrl: null },
					ownerId,
					d
				)
			).id;
			await addWorkshop(board.id, { sessionId: sid, capacity: CAPACITY, description: '' }, ownerId, d);
			workshops.push(sid);
		}
		await setBoardState(board.id, 'open', ownerId, d);
		const joined: { participantId: string; token: string }[] = [];
		for (let i = 0; i < PHONES; i++) {
			const { token, participant } = await joinEvent({ eventId, via: i % 3 === 0 ? 'online' : 'room' }, d);
			joined.push({ participantId: participant.id, token });
		}
		return { scene: { ownerId, eventId, sessionId, pollId: poll.id, boardId: board.id, workshops }, joined };
	} finally {
		await h.close();
	}
}

/** A phone's socket as a browser opens it, reconnecting quickly on its own after a crash. */
function openPhone(origin: string, eventId: string, token: string): TestSocket {
	const s = connect(origin, {
		auth: { v: PROTOCOL_VERSION, role: 'audience', eventId },
		extraHeaders: { origin, cookie: `${participantCookieName(eventId)}=${token}` },
		transports: ['websocket'],
		reconnection: true,
		reconnectionDelay: 100,
		reconnectionDelayMax: 250,
		randomizationFactor: 0.5,
		forceNew: true
	}) as TestSocket;
	sockets.push(s);
	return s;
}

type Sent = Ack<unknown> | 'lost' | 'timeout';

/** Sends once; 'lost' when the connection dropped before the answer (socket.io reports it then). */
function sendOnce(s: TestSocket, event: string, payload: Record<string, unknown>): Promise<Sent> {
	const timed = s.timeout(ACK_TIMEOUT_MS) as unknown as { emit(e: string, p: unknown, cb: (err: Error | null, ack: Ack<unknown>) => void): void };
	return new Promise((resolve) =>
		timed.emit(event, payload, (err, ack) => {
			if (!err) resolve(ack);
			else resolve(/disconnected/.test(err.message) ? 'lost' : 'timeout');
		})
	);
}

async function until(check: () => boolean): Promise<void> {
	while (!check()) await sleep(10);
}

describe('D1: SIGKILL under load on SQLite', () => {
	it('20 kills at random moments: no acknowledged action lost, none twice, integrity ok, the same state after every restart', async () => {
		const seedValue = Number(process.env.D1_SEED ?? Date.now() % 1_000_000);
		const rnd = mulberry32(seedValue);
		proc = await PlenumProcess.start({ PLENUM_SECRET: 'test-secret', LOG_LEVEL: 'warn', QA_QUESTIONS_PER_MINUTE: '100000', QA_UPVOTES_PER_MINUTE: '100000' });
		// Seed while the server is down: one writer process at a time.
		await proc.stop();
		const { scene, joined } = await seed(proc.dataDir);
		await proc.launch();
		const dbPath = join(proc.dataDir, 'plenum.db');

		const phones: Phone[] = joined.map((j, n) => ({
			n,
			participantId: j.participantId,
			socket: openPhone(proc!.origin, scene.eventId, j.token),
			acked: new Map(),
			sent: new Set(),
			vote: null,
			questions: new Map(),
			seat: null,
			history: [],
			pending: null,
			idle: false
		}));
		await waitFor(() => phones.every((p) => p.socket.connected), 15_000);

		const stats = { acked: 0, replays: 0, cut: 0, resent: 0, unavailable: 0, timeouts: 0 };
		const problems: string[] = [];
		/** Actions whose send was cut off by a kill and that are not answered yet. */
		const lost = new Set<Action>();
		let asked = 0;

		function nextAction(p: Phone): Action {
			const r = rnd();
			const kind: Kind = r < 0.5 ? 'vote' : r < 0.62 ? 'ask' : r < 0.88 ? 'claim' : 'cancel';
			const earlier = p.history.filter((a) => a.kind === kind);
			if (kind !== 'cancel' && earlier.length > 0 && rnd() < 0.2) return { ...earlier[Math.floor(rnd() * earlier.length)]!, replay: true };
			const key = randomUUID();
			if (kind === 'vote')
				return { kind, key, replay: false, payload: { pollId: scene.pollId, answer: { kind: 'single', optionId: OPTIONS[Math.floor(rnd() * 3)] } } };
			if (kind === 'ask')
				return { kind, key, replay: false, payload: { sessionId: scene.sessionId, text: `Frage ${p.n}.${++asked}: wie geht es weiter?`, name: null } };
			if (kind === 'claim') return { kind, key, replay: false, payload: { boardId: scene.boardId, sessionId: scene.workshops[Math.floor(rnd() * WORKSHOPS)] } };
			return { kind, key, replay: false, payload: { boardId: scene.boardId } };
		}

		/** Logs an answer; a key answered before must get the same answer again (R4). */
		function record(p: Phone, a: Action, data: unknown): void {
			stats.acked++;
			const first = p.acked.get(a.key);
			if (first) {
				stats.replays++;
				if (!isDeepStrictEqual(first.data, data))
					problems.push(`phone ${p.n} ${a.kind} key ${a.key}: replay answered ${JSON.stringify(data)}, first ${JSON.stringify(first.data)}`);
				return;
			}
			p.acked.set(a.key, { kind: a.kind, data });
			p.history.push(a);
			const d = data as Record<string, unknown>;
			if (a.kind === 'vote') {
				if (!isDeepStrictEqual(d.answer, a.payload.answer))
					problems.push(`phone ${p.n} vote ${a.key}: acked ${JSON.stringify(d.answer)} for ${JSON.stringify(a.payload.answer)}`);
				p.vote = a.payload.answer as Answer;
			} else if (a.kind === 'ask') {
				if (d.text !== a.payload.text) problems.push(`phone ${p.n} ask ${a.key}: acked text ${String(d.text)}`);
				p.questions.set(a.key, { id: String(d.id), text: String(d.text) });
			} else if (a.kind === 'claim') {
				if (d.sessionId !== a.payload.sessionId) problems.push(`phone ${p.n} claim ${a.key}: acked seat in ${String(d.sessionId)}`);
				p.seat = a.payload.sessionId as string;
			} else {
				if (d.sessionId !== null) problems.push(`phone ${p.n} cancel ${a.key}: still in ${String(d.sessionId)}`);
				p.seat = null;
			}
		}

		/** Sends until answered: after a kill the same key again, once the phone is back. */
		async function perform(p: Phone, a: Action): Promise<void> {
			p.pending = a;
			let cut = false;
			while (!stopped) {
				await until(() => p.socket.connected || stopped);
				if (stopped) return;
				if (cut) stats.resent++;
				p.sent.add(a.key);
				const res = await sendOnce(p.socket, EVENT_OF[a.kind], { ...a.payload, key: a.key });
				if (res === 'lost') {
					if (!cut) stats.cut++;
					cut = true;
					lost.add(a);
					continue;
				}
				if (res === 'timeout') {
					stats.timeouts++;
					problems.push(`phone ${p.n} ${a.kind} ${a.key}: no answer in ${ACK_TIMEOUT_MS} ms from a connected server`);
					continue;
				}
				if (!res.ok && res.error.code === 'unavailable') {
					stats.unavailable++;
					await sleep(100);
					continue;
				}
				lost.delete(a);
				p.pending = null;
				if (res.ok) record(p, a, res.data);
				else problems.push(`phone ${p.n} ${a.kind} ${a.key}: refused ${JSON.stringify(res.error)}`);
				return;
			}
		}

		async function drive(p: Phone): Promise<void> {
			while (!stopped) {
				if (paused) {
					p.idle = true;
					await until(() => !paused || stopped);
					p.idle = false;
					continue;
				}
				await perform(p, nextAction(p));
				await sleep(20 + rnd() * 80);
			}
			p.idle = true;
		}

		const restartMs: number[] = [];
		const backMs: number[] = [];
		const integrity: string[] = [];
		const drivers = phones.map((p) => drive(p));
		try {
			for (let round = 1; round <= ROUNDS; round++) {
				await sleep(100 + rnd() * 600);
				const killedAt = performance.now();
				await proc.kill('SIGKILL');
				// The file as the crash left it, read-only, before anything runs on it again.
				const crashed = readState(dbPath, scene);
				integrity.push(crashed.integrity);
				for (const v of oracle(crashed, phones, scene, true)) problems.push(`round ${round}, crashed file: ${v}`);
				const launchedAt = performance.now();
				await proc.launch();
				restartMs.push(performance.now() - launchedAt);
				await waitFor(() => phones.every((p) => p.socket.connected), 20_000);
				backMs.push(performance.now() - killedAt);
				// Every send the kill cut off goes again with its key, and is answered.
				await waitFor(() => lost.size === 0, 20_000);
				// Quiet for a moment: what the restarted server tells each phone must be its log.
				paused = true;
				await waitFor(() => phones.every((p) => p.idle), 20_000);
				for (const v of await viewsAfterRestart(phones, scene)) problems.push(`round ${round}, after restart: ${v}`);
				paused = false;
				if (problems.length > 0) break;
			}
			stopped = true;
			await Promise.all(drivers);
			// The final file, after one more crash with nothing in flight.
			await proc.kill('SIGKILL');
			const last = readState(dbPath, scene);
			integrity.push(last.integrity);
			for (const v of oracle(last, phones, scene, false)) problems.push(`final file: ${v}`);
			const keysSent = phones.reduce((n, p) => n + p.sent.size, 0);
			const lostFound = problems.filter((x) => /\(lost\)|missing|last acked/.test(x)).length;
			const dupFound = problems.filter((x) => /duplicate|phantom|never acknowledged|seats on one board|ask keys but/.test(x)).length;
			const keysAcked = phones.reduce((n, p) => n + p.acked.size, 0);
			console.log(
				`[D1] ${restartMs.length} kills: ${stats.acked} acked actions (${keysAcked} keys, ${stats.replays} replays), ${stats.resent} resent after restart ` +
					`(${stats.cut} actions cut off by a kill), ${lostFound} lost, ${dupFound} duplicates, ${problems.length} problems in all, ` +
					`integrity ${integrity.every((x) => x === 'ok') ? 'ok' : 'FAILED'} (${integrity.length} checks), ` +
					`restart p50/max ${percentile(restartMs, 50).toFixed(0)}/${Math.max(...restartMs).toFixed(0)} ms, ` +
					`all phones back p50/max ${percentile(backMs, 50).toFixed(0)}/${Math.max(...backMs).toFixed(0)} ms, ` +
					`questions ${last.questions.length}, seats ${last.seats.length}, votes ${last.votes.size}, unavailable ${stats.unavailable}, timeouts ${stats.timeouts}, seed ${seedValue}`
			);
			expect(problems.slice(0, 20)).toEqual([]);
			expect(restartMs).toHaveLength(ROUNDS);
			expect(integrity.every((x) => x === 'ok')).toBe(true);
			expect(keysSent).toBe(keysAcked);
			expect(stats.resent).toBeGreaterThan(0);
		} finally {
			stopped = true;
			paused = false;
			await Promise.all(drivers);
		}
	}, 180_000);
});

/** What the file holds, read with a plain read-only connection (no writer runs meanwhile). */
interface FileState {
	integrity: string;
	foreignKeyProblems: number;
	/** participant → key → stored answer (votes store the answer, other actions {op, data}). */
	keys: Map<string, Map<string, { op: string; data: unknown }>>;
	votes: Map<string, Answer>;
	questions: { id: string; participantId: string; text: string }[];
	seats: { participantId: string; sessionId: string; status: string; queueNo: number }[];
	workshops: { sessionId: string; capacity: number; confirmed: number; queueSeq: number }[];
}

function readState(path: string, scene: Scene): FileState {
	const db = new DatabaseSync(path, { readOnly: true });
	try {
		const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
		const foreignKeyProblems = db.prepare('PRAGMA foreign_key_check').all().length;
		const keys = new Map<string, Map<string, { op: string; data: unknown }>>();
		for (const r of db.prepare('SELECT participant_id, key, result FROM idempotency_keys').all() as { participant_id: string; key: string; result: string }[]) {
			const parsed = JSON.parse(r.result) as { op?: string; data?: unknown };
			// castVote stores the answer itself; once() stores {op, data}.
			const entry = typeof parsed.op === 'string' ? { op: parsed.op, data: parsed.data } : { op: 'poll:vote', data: parsed };
			if (!keys.has(r.participant_id)) keys.set(r.participant_id, new Map());
			keys.get(r.participant_id)!.set(r.key, entry);
		}
		const votes = new Map<string, Answer>();
		const voteRows = db.prepare('SELECT participant_id, answer FROM poll_votes WHERE poll_id = ?').all(scene.pollId) as {
			participant_id: string;
			answer: string;
		}[];
		for (const r of voteRows) votes.set(r.participant_id, JSON.parse(r.answer) as Answer);
		if (votes.size !== voteRows.length) throw new Error('two vote rows for one participant');
		const questions = (
			db.prepare('SELECT id, participant_id, text FROM questions WHERE session_id = ?').all(scene.sessionId) as {
				id: string;
				participant_id: string;
				text: string;
			}[]
		).map((r) => ({ id: r.id, participantId: r.participant_id, text: r.text }));
		const seats = (
			db.prepare('SELECT participant_id, session_id, status, queue_no FROM seats WHERE board_id = ? ORDER BY queue_no, participant_id').all(scene.boardId) as {
				participant_id: string;
				session_id: string;
				status: string;
				queue_no: number;
			}[]
		).map((r) => ({ participantId: r.participant_id, sessionId: r.session_id, status: r.status, queueNo: Number(r.queue_no) }));
		const workshops = (
			db.prepare('SELECT session_id, capacity, confirmed, queue_seq FROM board_workshops WHERE board_id = ? ORDER BY position').all(scene.boardId) as {
				session_id: string;
				capacity: number;
				confirmed: number;
				queue_seq: number;
			}[]
		).map((w) => ({ sessionId: w.session_id, capacity: Number(w.capacity), confirmed: Number(w.confirmed), queueSeq: Number(w.queue_seq) }));
		return { integrity, foreignKeyProblems, keys, votes, questions, seats, workshops };
	} finally {
		db.close();
	}
}

/** The board in the shape the shared seat oracle (board-invariants.ts) checks. */
function boardOf(s: FileState, boardId: string): BoardSnapshot {
	const rows = s.seats.map((r) => ({ ...r, boardId }));
	const workshops = new Map(
		s.workshops.map((w) => {
			const mine = rows.filter((r) => r.sessionId === w.sessionId);
			const waiting = mine.filter((r) => r.status === 'waitlisted');
			return [
				w.sessionId,
				{
					sessionId: w.sessionId,
					capacity: w.capacity,
					confirmedColumn: w.confirmed,
					confirmed: mine
						.filter((r) => r.status === 'confirmed')
						.map((r) => r.participantId)
						.sort(),
					waitlist: waiting.map((r) => r.participantId),
					queueNos: waiting.map((r) => r.queueNo),
					queueSeq: w.queueSeq
				}
			];
		})
	);
	return { boardId, workshops, rows };
}

/**
 * Every acknowledged action is in the file with the answer the phone got, nothing is there twice,
 * and each phone's vote, questions and seat are what its log says. `inFlight`: a phone's one
 * unanswered action may or may not have committed before the crash; either is correct.
 */
function oracle(s: FileState, phones: Phone[], scene: Scene, inFlight: boolean): string[] {
	const out: string[] = [];
	if (s.integrity !== 'ok') out.push(`integrity_check: ${s.integrity}`);
	if (s.foreignKeyProblems > 0) out.push(`foreign_key_check: ${s.foreignKeyProblems} rows`);
	for (const v of boardViolations(boardOf(s, scene.boardId))) out.push(v);
	const questionsOf = new Map<string, { id: string; text: string }[]>();
	for (const q of s.questions) {
		if (!questionsOf.has(q.participantId)) questionsOf.set(q.participantId, []);
		questionsOf.get(q.participantId)!.push(q);
	}
	for (const p of phones) {
		const stored = s.keys.get(p.participantId) ?? new Map<string, { op: string; data: unknown }>();
		const open = inFlight && p.pending && !p.pending.replay ? p.pending : null;
		// No acknowledged action lost, with the answer the phone was given.
		for (const [key, a] of p.acked) {
			const row = stored.get(key);
			if (!row) out.push(`phone ${p.n}: acked ${a.kind} ${key} is not in idempotency_keys (lost)`);
			else if (row.op !== EVENT_OF[a.kind] || !isDeepStrictEqual(row.data, a.data))
				out.push(`phone ${p.n}: ${a.kind} ${key} stored ${JSON.stringify(row)}, acked ${JSON.stringify(a.data)}`);
		}
		// Nothing the phone was not told about, except its one action in flight.
		for (const key of stored.keys())
			if (!p.acked.has(key) && key !== open?.key) out.push(`phone ${p.n}: key ${key} in the database was never acknowledged nor in flight`);
		const committed = open !== null && stored.has(open.key);
		// The vote: the latest acknowledged one (or the one in flight, if it committed).
		const wantVote = committed && open.kind === 'vote' ? (open.payload.answer as Answer) : p.vote;
		const gotVote = s.votes.get(p.participantId) ?? null;
		if (!isDeepStrictEqual(gotVote, wantVote)) out.push(`phone ${p.n}: stored vote ${JSON.stringify(gotVote)}, last acked ${JSON.stringify(wantVote)}`);
		// Questions: one row per acknowledged key, no more.
		const rows = questionsOf.get(p.participantId) ?? [];
		const wantIds = new Map([...p.questions.values()].map((q) => [q.id, q.text]));
		if (committed && open.kind === 'ask') {
			const d = stored.get(open.key)!.data as { id: string; text: string };
			wantIds.set(d.id, d.text);
		}
		const rowIds = rows.map((r) => r.id);
		if (new Set(rowIds).size !== rowIds.length) out.push(`phone ${p.n}: duplicate question ids`);
		for (const [id, text] of wantIds) if (!rows.some((r) => r.id === id && r.text === text)) out.push(`phone ${p.n}: acked question ${id} missing`);
		for (const r of rows) if (!wantIds.has(r.id)) out.push(`phone ${p.n}: question ${r.id} ("${r.text}") has no acknowledged key (duplicate or phantom)`);
		const askKeys = [...stored.values()].filter((x) => x.op === 'qa:ask').length;
		if (askKeys !== rows.length) out.push(`phone ${p.n}: ${askKeys} ask keys but ${rows.length} questions`);
		// The seat: the latest acknowledged claim or cancel (or the one in flight, if it committed).
		let wantSeat = p.seat;
		if (committed && open.kind === 'claim') wantSeat = open.payload.sessionId as string;
		if (committed && open.kind === 'cancel') wantSeat = null;
		const seats = s.seats.filter((r) => r.participantId === p.participantId);
		if (seats.length > 1) out.push(`phone ${p.n}: ${seats.length} seats on one board`);
		const gotSeat = seats[0]?.sessionId ?? null;
		if (gotSeat !== wantSeat) out.push(`phone ${p.n}: seat in ${gotSeat}, last acked ${wantSeat}`);
	}
	return out;
}

/** What the restarted server tells each phone equals its log: vote, own questions, seat; the tally matches. */
async function viewsAfterRestart(phones: Phone[], scene: Scene): Promise<string[]> {
	const out: string[] = [];
	const ask = <T>(p: Phone, event: string, payload: unknown) =>
		(p.socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: string, x: unknown): Promise<Ack<T>> }).emitWithAck(event, payload);
	await Promise.all(
		phones.map(async (p) => {
			const [cur, qa, board] = await Promise.all([
				ask<CurrentPollView>(p, 'poll:current', { sessionId: scene.sessionId }),
				ask<QaView>(p, 'qa:get', { sessionId: scene.sessionId }),
				ask<BoardView>(p, 'board:watch', { boardId: scene.boardId })
			]);
			if (!cur.ok || !qa.ok || !board.ok) {
				out.push(`phone ${p.n}: a read was refused: ${JSON.stringify([cur, qa, board].filter((x) => !x.ok))}`);
				return;
			}
			const vote = cur.data.myVote?.answer ?? null;
			if (!isDeepStrictEqual(vote, p.vote)) out.push(`phone ${p.n}: server shows vote ${JSON.stringify(vote)}, last acked ${JSON.stringify(p.vote)}`);
			const mine = (qa.data.mine?.questions ?? []).map((q) => q.id).sort();
			const want = [...p.questions.values()].map((q) => q.id).sort();
			if (!isDeepStrictEqual(mine, want)) out.push(`phone ${p.n}: server shows ${mine.length} own questions, ${want.length} acked`);
			const seat = board.data.mine?.sessionId ?? null;
			if (seat !== p.seat) out.push(`phone ${p.n}: server shows seat ${seat}, last acked ${p.seat}`);
		})
	);
	// The tally the server shows (and pushes to the stage) counts exactly the logged votes.
	const want: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
	for (const p of phones) if (p.vote?.kind === 'single') want[p.vote.optionId] = (want[p.vote.optionId] ?? 0) + 1;
	const voters = phones.filter((p) => p.vote !== null).length;
	let shown: unknown = null;
	const tallyOk = async () => {
		const r = await ask<CurrentPollView>(phones[0]!, 'poll:current', { sessionId: scene.sessionId });
		shown = r.ok ? r.data.results?.all : r;
		const all = r.ok ? r.data.results?.all : undefined;
		return all?.kind === 'single' && all.voters === voters && OPTIONS.every((o) => (all.counts[o] ?? 0) === want[o]);
	};
	await waitFor(tallyOk, 3000).catch(() => out.push(`tally ${JSON.stringify(shown)}, log says ${voters} voters ${JSON.stringify(want)}`));
	return out;
}
