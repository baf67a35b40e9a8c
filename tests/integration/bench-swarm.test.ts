import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';
import { Swarm, type LoadReport } from '../../bench/swarm/swarm.ts';
import { Reservoir, summarise } from '../../bench/swarm/percentiles.ts';
import { seededRandom } from '../../bench/swarm/random.ts';

/**
 * The benchmark's load generator (bench/swarm) against two tiny servers written here, so the
 * test depends on neither Plenum nor the reference servers: a Socket.IO server with the
 * baseline's protocol and a raw `ws` server with the floor's. Both log every vote they get, so
 * the swarm's own figures (sent, acked, deliveries) are checked against what the server saw.
 */

interface VoteSeen {
	at: number;
	option: number;
	key: string;
	from: string;
}

interface TestServer {
	url: string;
	votes: VoteSeen[];
	/** Results messages broadcast, with their send time. */
	broadcasts: { seq: number; t: number }[];
	connections: () => number;
	close: () => Promise<void>;
}

async function listen(http: HttpServer): Promise<string> {
	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(0, '127.0.0.1', () => resolve());
	});
	return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

/** A tally that broadcasts on a 250 ms tick when a vote came in, seq a hybrid clock like the real servers'. */
function tally(emit: (msg: { seq: number; t: number; voters: number; counts: number[] }) => void) {
	const votes: VoteSeen[] = [];
	const broadcasts: { seq: number; t: number }[] = [];
	const counts = [0, 0, 0, 0];
	const keys = new Set<string>();
	let seq = 0;
	let dirty = false;
	const timer = setInterval(() => {
		if (!dirty) return;
		dirty = false;
		seq = Math.max(seq + 1, Date.now());
		const t = Date.now();
		broadcasts.push({ seq, t });
		emit({ seq, t, voters: keys.size, counts });
	}, 250);
	const vote = (option: number, key: string, from: string): number => {
		votes.push({ at: Date.now(), option, key, from });
		if (!keys.has(key)) {
			keys.add(key);
			counts[option] = (counts[option] ?? 0) + 1;
			dirty = true;
		}
		return keys.size;
	};
	return { votes, broadcasts, vote, stop: () => clearInterval(timer) };
}

async function startSocketIoServer(): Promise<TestServer> {
	const http = createServer();
	const io = new Server(http, { transports: ['websocket', 'polling'], perMessageDeflate: false, httpCompression: false });
	const t = tally((msg) => io.to('all').emit('results', msg));
	io.on('connection', (socket) => {
		void socket.join('all');
		socket.on('vote', (p: { option: number; key: string }, ack: (r: unknown) => void) => ack({ ok: true, data: { seq: t.vote(p.option, p.key, socket.id) } }));
	});
	const url = await listen(http);
	return {
		url,
		votes: t.votes,
		broadcasts: t.broadcasts,
		connections: () => io.engine.clientsCount,
		close: async () => {
			t.stop();
			await io.close();
		}
	};
}

async function startFloorServer(): Promise<TestServer> {
	const http = createServer();
	const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
	const t = tally((msg) => {
		const str = JSON.stringify({ type: 'results', ...msg });
		// Each message twice: the swarm must count a repeat once.
		for (const ws of wss.clients) if (ws.readyState === ws.OPEN) for (let i = 0; i < 2; i++) ws.send(str);
	});
	let n = 0;
	wss.on('connection', (ws: WebSocket) => {
		const from = `ws${n++}`;
		ws.on('error', () => {});
		ws.on('message', (data) => {
			const m = JSON.parse(String(data)) as { type: string; option: number; key: string; id: number };
			if (m.type === 'vote') ws.send(JSON.stringify({ type: 'ack', id: m.id, seq: t.vote(m.option, m.key, from) }));
		});
	});
	const url = await listen(http);
	return {
		url,
		votes: t.votes,
		broadcasts: t.broadcasts,
		connections: () => [...wss.clients].filter((c) => c.readyState === c.OPEN).length,
		close: async () => {
			t.stop();
			for (const c of wss.clients) c.terminate();
			await new Promise<void>((r) => wss.close(() => r()));
			await new Promise<void>((r) => http.close(() => r()));
		}
	};
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

const CLIENTS = 50;
let swarm: Swarm;
let sio: TestServer;
let floor: TestServer;

beforeAll(async () => {
	[swarm, sio, floor] = await Promise.all([Swarm.start({ workers: 2 }), startSocketIoServer(), startFloorServer()]);
});

afterAll(async () => {
	await swarm?.close();
	await sio?.close();
	await floor?.close();
});

/** What every vote step must show: all votes out and acknowledged, spread over the step, every tick delivered to every client. */
function checkStep(load: LoadReport, server: TestServer, from: number): void {
	expect(load.sent).toBe(200);
	expect(load.acked).toBe(load.sent);
	expect(load.failedAcks).toBe(0);
	const votes = server.votes.filter((v) => v.at >= from);
	expect(votes).toHaveLength(load.sent);
	// Spread over the 2 s, not a burst: the first quarter and the last quarter each hold about a quarter.
	const first = Math.min(...votes.map((v) => v.at));
	expect(votes.filter((v) => v.at < first + 500).length).toBeGreaterThan(30);
	expect(votes.filter((v) => v.at >= first + 1500).length).toBeGreaterThan(30);
	expect(Math.max(...votes.map((v) => v.at)) - first).toBeGreaterThan(1800);
	// From many clients, options 0–3.
	expect(new Set(votes.map((v) => v.from)).size).toBeGreaterThan(30);
	expect(new Set(votes.map((v) => v.option))).toEqual(new Set([0, 1, 2, 3]));
	expect(load.ackMs.p50).toBeGreaterThan(0);
	expect(load.ackMs.p99).toBeLessThan(200);
	expect(load.ackMs.max).toBeGreaterThanOrEqual(load.ackMs.p99);
	// Every tick of the step reached every client.
	const ticks = server.broadcasts.filter((b) => b.t >= from).length;
	expect(ticks).toBeGreaterThanOrEqual(7);
	expect(load.expectedDeliveries).toBe(ticks * CLIENTS);
	expect(load.deliveryRatio).toBeGreaterThanOrEqual(0.99);
	expect(load.received).toBeLessThanOrEqual(load.expectedDeliveries);
	expect(load.broadcastMs.p99).toBeGreaterThan(0);
	expect(load.broadcastMs.p99).toBeLessThan(100);
	expect(load.busy).toBeGreaterThan(0);
	expect(load.busy).toBeLessThan(1);
	expect(load.durationMs).toBeGreaterThanOrEqual(2000);
}

describe('bench/swarm load generator', () => {
	it('drives a Socket.IO server: connects 50 clients over 2 workers, votes at 100/s for 2 s, counts every broadcast', async () => {
		const conn = await swarm.connect({ target: 'baseline', url: sio.url, clients: CLIENTS, ratePerSec: 500 });
		console.log('socket.io connect', JSON.stringify(conn));
		expect(conn).toMatchObject({ opened: CLIENTS, failed: 0, errors: [] });
		expect(conn.connectMs.p50).toBeGreaterThan(0);
		expect(conn.connectMs.max).toBeGreaterThanOrEqual(conn.connectMs.p99);
		// 50 attempts at 500/s take about 100 ms.
		expect(conn.durationMs).toBeGreaterThanOrEqual(90);
		expect(conn.busy).toBeGreaterThan(0);
		expect(conn.busy).toBeLessThan(1);
		await until('50 server-side connections', () => sio.connections() === CLIENTS);
		expect(await swarm.status()).toEqual({ clients: CLIENTS, connected: CLIENTS });

		const from = Date.now();
		const load = await swarm.run({ kind: 'votes', perSecond: 100, durationMs: 2000, options: 4 });
		console.log('socket.io step', JSON.stringify(load));
		checkStep(load, sio, from);
		// No repeated keys asked for: every vote a new key.
		expect(new Set(sio.votes.map((v) => v.key)).size).toBe(sio.votes.length);

		await swarm.disconnectAll();
		await until('server-side disconnects', () => sio.connections() === 0);
		expect(await swarm.status()).toEqual({ clients: 0, connected: 0 });
	});

	it('drives a raw ws server with the floor protocol and repeats keys when asked', async () => {
		const conn = await swarm.connect({ target: 'floor', url: floor.url, clients: CLIENTS, ratePerSec: 500 });
		console.log('floor connect', JSON.stringify(conn));
		expect(conn).toMatchObject({ opened: CLIENTS, failed: 0 });
		await until('50 server-side connections', () => floor.connections() === CLIENTS);

		const from = Date.now();
		const load = await swarm.run({ kind: 'votes', perSecond: 100, durationMs: 2000, options: 4, repeatKeyShare: 0.5 });
		console.log('floor step', JSON.stringify(load));
		checkStep(load, floor, from);
		// About half the votes of clients that had voted before reuse their key (≈ 75 of 200).
		const repeats = load.sent - new Set(floor.votes.map((v) => v.key)).size;
		expect(repeats).toBeGreaterThan(40);
		expect(repeats).toBeLessThan(110);

		await swarm.disconnectAll();
		await until('server-side disconnects', () => floor.connections() === 0);
	});

	it('counts refused connections as failed, and votes without clients as failed acks', async () => {
		const dead = await startSocketIoServer();
		const url = dead.url;
		await dead.close();
		const conn = await swarm.connect({ target: 'baseline', url, clients: 10 });
		expect(conn.opened).toBe(0);
		expect(conn.failed).toBe(10);
		expect(conn.errors.length).toBeGreaterThan(0);
		expect(conn.connectMs).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
		const floorConn = await swarm.connect({ target: 'floor', url, clients: 4 });
		expect(floorConn).toMatchObject({ opened: 0, failed: 4 });

		const load = await swarm.run({ kind: 'votes', perSecond: 10, durationMs: 500, options: 2 });
		expect(load).toMatchObject({ sent: 5, acked: 0, failedAcks: 5, received: 0, expectedDeliveries: 0, deliveryRatio: 0 });
		await swarm.disconnectAll();
	});

	it('refuses bad input and a Plenum spec without cookies', async () => {
		await expect(swarm.connect({ target: 'plenum', url: sio.url, clients: 2 })).rejects.toThrow(/needs spec.plenum/);
		await expect(
			swarm.connect({ target: 'plenum', url: sio.url, clients: 2, plenum: { origin: sio.url, cookies: ['a=b'], eventId: 'e', sessionId: 's' } })
		).rejects.toThrow(/only 1 cookies/);
		await expect(swarm.run({ kind: 'votes', perSecond: 10, durationMs: 0, options: 2 })).rejects.toThrow(/durationMs/);
	});

	it('close() terminates the workers; the closed swarm refuses work', async () => {
		const other = await Swarm.start({ workers: 1 });
		await other.connect({ target: 'baseline', url: sio.url, clients: 5 });
		await until('5 connections', () => sio.connections() === 5);
		await other.close();
		await until('the closed swarm’s connections to go', () => sio.connections() === 0);
		await expect(other.run({ kind: 'votes', perSecond: 1, durationMs: 100, options: 1 })).rejects.toThrow(/closed/);
		await other.close();
	});

	it('keeps latency samples bounded and weighs a thinned-out worker by its count', () => {
		const busy = new Reservoir(seededRandom(1), 1000);
		for (let i = 1; i <= 100_000; i++) busy.add(i);
		const set = busy.snapshot();
		expect(set.samples).toHaveLength(1000);
		expect(set).toMatchObject({ count: 100_000, max: 100_000 });
		const alone = summarise([set]);
		expect(alone.p50).toBeGreaterThan(45_000);
		expect(alone.p50).toBeLessThan(55_000);
		expect(alone.max).toBe(100_000);
		// 100 small samples beside 100,000 large ones barely move the median.
		const quiet = new Reservoir(seededRandom(2), 1000);
		for (let i = 0; i < 100; i++) quiet.add(0.5);
		const both = summarise([set, quiet.snapshot()]);
		expect(both.p50).toBeGreaterThan(45_000);
		expect(summarise([quiet.snapshot()])).toEqual({ p50: 0.5, p95: 0.5, p99: 0.5, max: 0.5 });
		expect(summarise([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
	});
});
