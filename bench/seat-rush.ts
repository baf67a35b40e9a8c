/**
 * P5 seat rush (quality.md): N sign-up claims within about a second for W workshops × S seats,
 * over real sockets (socket.io-client, one connection per phone, every phone watching the board).
 * Reports oversold seats (the hard gate: 0), confirmed and waitlisted totals, every invariant of
 * tests/support/board-invariants.ts, whether each acknowledged answer is what the database holds,
 * whether the phones' last seat counts equal the database, and claim ack p50/p95/p99.
 *
 *   taskset -c 1 node bench/seat-rush.ts [claims=1000] [workshops=20] [seats=20] [windowMs=1000]
 *     BENCH_DB=postgres    PostgreSQL (a fresh database on BENCH_POSTGRES_URL, dropped afterwards)
 *     BENCH_SERVER=built   the built server (`node server.ts`, needs `npm run build`); by default
 *                          the server runs from source: this file with --serve (no SvelteKit pages)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { readConfig } from '../src/lib/server/config.ts';
import { createApp } from '../src/lib/server/app.ts';
import { startServer } from '../src/lib/server/boot.ts';
import { openDatabase } from '../src/lib/server/db/connect.ts';
import { createOwner } from '../src/lib/server/auth/service.ts';
import { createEvent, createSession } from '../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../src/lib/server/participants/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../src/lib/server/boards/board.ts';
import { PROTOCOL_VERSION } from '../src/lib/shared/protocol-version.ts';
import type { MyBoardState, SeatCounts } from '../src/lib/shared/boards.ts';
import { checkBoard } from '../tests/support/board-invariants.ts';

if (process.argv.includes('--serve')) await serve();
else await rush();

/**
 * The server from source, as the tests start it (Socket.IO and health endpoints, no pages), with
 * what the built server cannot tell: event-loop delay and utilisation during the rush and how
 * long each board tick took (count, fan-out and every phone's own state), sent over IPC.
 */
async function serve(): Promise<void> {
	const running = await startServer(readConfig());
	const feed = running.realtime.ctx.boards;
	const ticks: number[] = [];
	const tick = feed.tick.bind(feed);
	feed.tick = async () => {
		const t0 = performance.now();
		await tick();
		if (performance.now() - t0 > 1) ticks.push(performance.now() - t0);
	};
	const delay = monitorEventLoopDelay({ resolution: 10 });
	let elu = performance.eventLoopUtilization();
	process.on('message', (m: string) => {
		if (m === 'start') {
			delay.reset();
			delay.enable();
			elu = performance.eventLoopUtilization();
			ticks.length = 0;
		} else if (m === 'stats')
			process.send?.({
				event_loop_delay_p99_ms: +(delay.percentile(99) / 1e6).toFixed(1),
				event_loop_utilisation: +performance.eventLoopUtilization(elu).utilization.toFixed(2),
				board_ticks: ticks.length,
				board_tick_ms: { p50: +(pct(ticks, 50) ?? 0).toFixed(1), max: +Math.max(0, ...ticks).toFixed(1) }
			});
	});
	process.on('SIGTERM', () => void running.shutdown().then(() => process.exit(0)));
}

function pct(xs: number[], p: number): number | undefined {
	return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
}

async function rush(): Promise<void> {
	const [N, WORKSHOPS, SEATS, WINDOW_MS] = [1000, 20, 20, 1000].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number, number];
	const PORT = 3400 + Math.floor(Math.random() * 500);
	const ORIGIN = `http://127.0.0.1:${PORT}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bench-'));
	const built = process.env.BENCH_SERVER === 'built';
	const pgAdmin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	let databaseUrl = '';
	const pgName = `plenum_bench_${randomBytes(4).toString('hex')}`;
	const admin = async (q: string) => {
		const c = new pg.Client({ connectionString: pgAdmin });
		await c.connect();
		await c.query(q);
		await c.end();
	};
	if (process.env.BENCH_DB === 'postgres') {
		await admin(`CREATE DATABASE ${pgName}`);
		const u = new URL(pgAdmin);
		u.pathname = `/${pgName}`;
		databaseUrl = u.toString();
	}

	// Seed through the domain, then hand the database to the server process.
	const app = await createApp(readConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: ORIGIN }));
	const owner = await createOwner({ email: 'bench@x.de', name: 'B', password: 'bench password 1' }, app.deps);
	const ev = await createEvent(
		{ title: 'Bench', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2099-12-31' },
		{ userId: owner.id, isAdmin: true },
		app.deps
	);
	const board = await createBoard(ev.id, { title: 'Slot 1', mode: 'fcfs', lotteryDeadline: null }, owner.id, app.deps);
	const ws: string[] = [];
	for (let i = 0; i < WORKSHOPS; i++) {
		const s = await createSession(
			ev.id,
			{ kind: 'workshop', title: `W${i}`, startsAt: '2026-05-04T14:00', endsAt: '2026-05-04T15:30', room: `R${i}`, livestreamUrl: null },
			owner.id,
			app.deps
		);
		await addWorkshop(board.id, { sessionId: s.id, capacity: SEATS, description: '' }, owner.id, app.deps);
		ws.push(s.id);
	}
	await setBoardState(board.id, 'open', owner.id, app.deps);
	const people: { token: string; id: string }[] = [];
	for (let i = 0; i < N; i += 50)
		people.push(
			...(await Promise.all(Array.from({ length: Math.min(50, N - i) }, () => joinEvent({ eventId: ev.id, via: 'room' }, app.deps)))).map((j) => ({
				token: j.token,
				id: j.participant.id
			}))
		);
	await app.close();

	// Server on core 0, this load generator on the other (run it under `taskset -c 1`).
	const pin = availableParallelism() > 1 ? ['taskset', '-c', '0'] : [];
	const entry = built ? ['server.ts'] : [new URL(import.meta.url).pathname, '--serve'];
	const [cmd, ...args] = [...pin, process.execPath, ...entry];
	const server = spawn(cmd!, args, {
		env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PUBLIC_ORIGIN: ORIGIN, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
		stdio: built ? 'inherit' : ['inherit', 'inherit', 'inherit', 'ipc']
	});
	const serverStats = (): Promise<unknown> =>
		built ? Promise.resolve('only with the server from source') : new Promise((resolve) => (server.once('message', resolve), server.send('stats')));
	for (let i = 0; i < 200; i++) {
		if (
			await fetch(`${ORIGIN}/readyz`).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		await new Promise((r) => setTimeout(r, 100));
	}

	const connect = (cookie: string): Promise<Socket> =>
		new Promise((resolve, reject) => {
			const s = io(ORIGIN, {
				auth: { v: PROTOCOL_VERSION, role: 'audience', eventId: ev.id },
				extraHeaders: { origin: ORIGIN, cookie },
				transports: ['websocket'],
				reconnection: false
			});
			s.once('connect', () => resolve(s));
			s.once('connect_error', reject);
		});
	const phones: Socket[] = [];
	for (let i = 0; i < N; i += 100)
		phones.push(...(await Promise.all(people.slice(i, i + 100).map((p) => connect(`${participantCookieName(ev.id)}=${p.token}`)))));
	await Promise.all(phones.map((s) => s.emitWithAck('board:watch', { boardId: board.id })));
	// What one phone last saw per workshop (by sequence number), to compare with the database.
	const shown = new Map<string, { seq: number; confirmed: number; waitlisted: number }>();
	let seatMessages = 0;
	phones[0]!.on('board:seats', (s: SeatCounts) => {
		seatMessages++;
		for (const w of s.workshops)
			if ((shown.get(w.sessionId)?.seq ?? -1) < s.seq) shown.set(w.sessionId, { seq: s.seq, confirmed: w.confirmed, waitlisted: w.waitlisted });
	});

	const ackMs: number[] = [];
	const answers: (MyBoardState | null)[] = [];
	let refused = 0;
	let lastSent = 0;
	if (!built) server.send('start');
	const start = performance.now();
	await Promise.all(
		phones.map(async (s, i) => {
			await new Promise((r) => setTimeout(r, Math.max(0, start + (i * WINDOW_MS) / N - performance.now())));
			const t0 = performance.now();
			lastSent = Math.max(lastSent, t0 - start);
			const ack = (await s.timeout(30_000).emitWithAck('board:claim', { boardId: board.id, sessionId: ws[i % WORKSHOPS], key: randomUUID() })) as {
				ok: boolean;
				data?: MyBoardState;
			};
			ackMs.push(performance.now() - t0);
			answers[i] = ack.ok ? ack.data! : null;
			if (!ack.ok) refused++;
		})
	);
	const rushMs = performance.now() - start;

	// The truth, from the database the server wrote; then how long until the phones show it.
	const db = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
	const { snapshot, violations } = await checkBoard(db.db, board.id, { positions: true });
	const all = [...snapshot.workshops.values()];
	const stale = () =>
		all.filter((w) => {
			const s = shown.get(w.sessionId);
			return !s || s.confirmed !== w.confirmed.length || s.waitlisted !== w.waitlist.length;
		}).length;
	while (stale() > 0 && performance.now() - start - rushMs < 20_000) await new Promise((r) => setTimeout(r, 20));
	const convergedMs = performance.now() - start - rushMs;
	const stats = await serverStats();
	const byId = new Map(snapshot.rows.map((r) => [r.participantId, r]));
	const ackMismatch = people.filter((p, i) => {
		const a = answers[i];
		const row = byId.get(p.id);
		if (!a || !row) return true;
		const w = snapshot.workshops.get(row.sessionId)!;
		return a.status !== row.status || a.sessionId !== row.sessionId || (a.position ?? 0) !== w.waitlist.indexOf(p.id) + 1;
	}).length;
	await db.close();
	for (const s of phones) s.close();
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
	if (databaseUrl) await admin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
	rmSync(dataDir, { recursive: true, force: true });

	const ms = (p: number) => +pct(ackMs, p)!.toFixed(1);
	console.log(
		JSON.stringify(
			{
				mode: built ? 'built (node server.ts)' : 'source (startServer)',
				db: databaseUrl ? 'postgres' : 'sqlite',
				claims: N,
				workshops: WORKSHOPS,
				seats_each: SEATS,
				sent_within_ms: Math.round(lastSent),
				all_acked_within_ms: Math.round(rushMs),
				refused,
				oversold: all.reduce((n, w) => n + Math.max(0, w.confirmed.length - w.capacity), 0),
				confirmed: all.reduce((n, w) => n + w.confirmed.length, 0),
				waitlisted: all.reduce((n, w) => n + w.waitlist.length, 0),
				invariant_violations: violations,
				acks_not_matching_database: ackMismatch,
				workshops_where_phones_show_other_counts: stale(),
				phones_show_final_counts_ms_after_last_ack: Math.round(convergedMs),
				seat_messages_on_one_phone: seatMessages,
				claim_ack_ms: { p50: ms(50), p95: ms(95), p99: ms(99), max: +Math.max(...ackMs).toFixed(1) },
				server: stats
			},
			null,
			1
		)
	);
}
