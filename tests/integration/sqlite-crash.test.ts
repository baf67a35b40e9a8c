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
import { isDeepStrictEqual } from 'node:util';
import { systemClock } from '../../src/lib/server/clock.ts';
import { openDatabase } from '../../src/lib/server/db/connect.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import type { BoardView, CurrentPollView, QaView } from '../../src/lib/shared/protocol.ts';
import type { Ack } from '../../src/lib/shared/result.ts';
import { ActionLog, loggedPhone, type Action, type Kind, type LoggedPhone } from '../support/action-log.ts';
import { openPoll, openSocket, percentile, seedEvent, type Scene as EventScene } from '../support/cluster.ts';
import { testDeps } from '../support/deps.ts';
import { PlenumProcess } from '../support/plenum-process.ts';
import { waitFor, type TestSocket } from '../support/realtime.ts';
import { fileViolations, readSqliteFile } from '../support/sqlite-check.ts';
import { seededRandom } from '../../bench/swarm/random.ts';

const PHONES = 60;
const ROUNDS = 20;
const WORKSHOPS = 4;
const CAPACITY = 5;
const OPTIONS = ['o1', 'o2', 'o3'];
/** An answer that takes longer than this from a living server is a finding, not a retry. */
const ACK_TIMEOUT_MS = 10_000;

interface Scene extends EventScene {
	pollId: string;
	boardId: string;
	workshops: string[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let proc: PlenumProcess | null = null;
let log: ActionLog | null = null;
const sockets: TestSocket[] = [];

afterAll(async () => {
	log?.stop();
	for (const s of sockets) s.close();
	await proc?.kill();
	if (proc) rmSync(proc.dataDir, { recursive: true, force: true });
});

/** Owner, event, a plenary with an open poll (changes allowed; Q&A is on by default) and an open first-come board. */
async function seed(dataDir: string): Promise<{ scene: Scene; joined: { participantId: string; token: string }[] }> {
	const h = await openDatabase({ dataDir });
	try {
		const { deps: d } = testDeps(h, systemClock);
		const event = await seedEvent({ deps: d });
		const pollId = await openPoll({ deps: d }, event, 'D1?');
		const board = await createBoard(event.eventId, { title: 'Slot', mode: 'fcfs', lotteryDeadline: null }, event.ownerId, d);
		const workshops: string[] = [];
		for (let i = 0; i < WORKSHOPS; i++) {
			const workshop = {
				kind: 'workshop' as const,
				title: `W${i}`,
				startsAt: '2026-05-04T14:00',
				endsAt: '2026-05-04T15:30',
				room: `R${i}`,
				livestreamUrl: null
			};
			const sid = (await events.createSession(event.eventId, workshop, event.ownerId, d)).id;
			await addWorkshop(board.id, { sessionId: sid, capacity: CAPACITY, description: '' }, event.ownerId, d);
			workshops.push(sid);
		}
		await setBoardState(board.id, 'open', event.ownerId, d);
		const joined: { participantId: string; token: string }[] = [];
		for (let i = 0; i < PHONES; i++) {
			const { token, participant } = await joinEvent({ eventId: event.eventId, via: i % 3 === 0 ? 'online' : 'room' }, d);
			joined.push({ participantId: participant.id, token });
		}
		return { scene: { ...event, pollId, boardId: board.id, workshops }, joined };
	} finally {
		await h.close();
	}
}

describe('D1: SIGKILL under load on SQLite', () => {
	it('20 kills at random moments: no acknowledged action lost, none twice, integrity ok, the same state after every restart', async () => {
		const seedValue = Number(process.env.D1_SEED ?? Date.now() % 1_000_000);
		const rnd = seededRandom(seedValue);
		proc = await PlenumProcess.start({ PLENUM_SECRET: 'test-secret', LOG_LEVEL: 'warn', QA_QUESTIONS_PER_MINUTE: '100000', QA_UPVOTES_PER_MINUTE: '100000' });
		// Seed while the server is down: one writer process at a time.
		await proc.stop();
		const { scene, joined } = await seed(proc.dataDir);
		await proc.launch();
		const dbPath = join(proc.dataDir, 'plenum.db');
		const readFile = () => readSqliteFile(dbPath, scene);

		// Each phone as a browser opens its socket, reconnecting quickly on its own after a crash.
		const phones = joined.map((j, n) => {
			const socket = openSocket(
				proc!.origin,
				proc!.origin,
				{ role: 'audience', eventId: scene.eventId },
				{ cookie: `${participantCookieName(scene.eventId)}=${j.token}`, reconnect: { delayMs: 100, maxDelayMs: 250 } }
			);
			sockets.push(socket);
			return loggedPhone(n, j.participantId, socket);
		});
		await waitFor(() => phones.every((p) => p.socket.connected), 15_000);

		const actions = (log = new ActionLog(ACK_TIMEOUT_MS));
		const { stats, problems } = actions;
		let asked = 0;
		/** Half votes, some questions, claims and cancels; one in five repeats an answered key of its kind (a lost ack). */
		function nextAction(p: LoggedPhone): Action {
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

		const restartMs: number[] = [];
		const backMs: number[] = [];
		const integrity: string[] = [];
		const drivers = phones.map((p) => actions.drive(p, nextAction, () => 20 + rnd() * 80));
		try {
			for (let round = 1; round <= ROUNDS; round++) {
				await sleep(100 + rnd() * 600);
				const killedAt = performance.now();
				await proc.kill('SIGKILL');
				// The file as the crash left it, read-only, before anything runs on it again.
				const crashed = await readFile();
				integrity.push(crashed.integrity);
				for (const v of fileViolations(crashed, phones, true)) problems.push(`round ${round}, crashed file: ${v}`);
				const launchedAt = performance.now();
				await proc.launch();
				restartMs.push(performance.now() - launchedAt);
				await waitFor(() => phones.every((p) => p.socket.connected), 20_000);
				backMs.push(performance.now() - killedAt);
				// Every send the kill cut off goes again with its key, and is answered.
				await waitFor(() => actions.lost.size === 0, 20_000);
				// Quiet for a moment: what the restarted server tells each phone must be its log.
				actions.pause();
				await waitFor(() => phones.every((p) => p.idle), 20_000);
				for (const v of await viewsAfterRestart(phones, scene)) problems.push(`round ${round}, after restart: ${v}`);
				actions.resume();
				if (problems.length > 0) break;
			}
			actions.stop();
			await Promise.all(drivers);
			// The final file, after one more crash with nothing in flight.
			await proc.kill('SIGKILL');
			const last = await readFile();
			integrity.push(last.integrity);
			for (const v of fileViolations(last, phones, false)) problems.push(`final file: ${v}`);
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
					`questions ${last.questions.length}, seats ${last.board.rows.length}, votes ${last.votes.size}, unavailable ${stats.unavailable}, timeouts ${stats.timeouts}, seed ${seedValue}`
			);
			expect(problems.slice(0, 20)).toEqual([]);
			expect(restartMs).toHaveLength(ROUNDS);
			expect(integrity.every((x) => x === 'ok')).toBe(true);
			expect(keysSent).toBe(keysAcked);
			expect(stats.resent).toBeGreaterThan(0);
		} finally {
			actions.stop();
			await Promise.all(drivers);
		}
	}, 180_000);
});

/** What the restarted server tells each phone equals its log: vote, own questions, seat; the tally matches. */
async function viewsAfterRestart(phones: LoggedPhone[], scene: Scene): Promise<string[]> {
	const out: string[] = [];
	const ask = <T>(p: LoggedPhone, event: string, payload: unknown) =>
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
