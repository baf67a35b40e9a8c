/**
 * The benchmark's reference servers (bench/servers/, issue 7) do what the contract says, over real
 * sockets: each runs as its own process, 20 clients vote with acks, every client gets the tally on
 * the tick, a repeated key counts once, and /__bench/stats and /__bench/reset report what happened.
 * Plenum is measured against these servers, so a broken yardstick would skew every ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocketIo } from 'socket.io-client';
import { WebSocket } from 'ws';
import { freePort } from '../support/built-server.ts';

const CLIENTS = 20;
const OPTIONS = 3;

interface Results {
	seq: number;
	t: number;
	voters: number;
	counts: Record<string, number>;
}

/** What the test needs of one connected client, whichever protocol it speaks. */
interface BenchClient {
	/** Resolves with the ack's vote number, or rejects with the server's error. */
	vote(option: unknown, key: unknown): Promise<number>;
	/** Every `results` message received, in order. */
	readonly results: Results[];
	close(): void;
}

interface RefServer {
	child: ChildProcess;
	url: string;
	output: string[];
}

/** Starts `bench/servers/<name>.ts` as node would in the benchmark and waits for `ready <port>`. */
async function startRefServer(name: 'baseline' | 'floor'): Promise<RefServer> {
	const port = await freePort();
	const child = spawn(process.execPath, ['--expose-gc', `bench/servers/${name}.ts`], {
		env: { ...process.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${name} printed no "ready ${port}" within 15 s: ${output.join('')}`)), 15_000);
		let seen = '';
		child.stdout!.on('data', (d: Buffer) => {
			seen += d.toString();
			output.push(d.toString());
			if (seen.split('\n').includes(`ready ${port}`)) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${name} exited with ${code} before it was ready: ${output.join('')}`));
		});
	});
	return { child, url: `http://127.0.0.1:${port}`, output };
}

async function stopRefServer(server: RefServer | null): Promise<void> {
	const child = server?.child;
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
}

async function socketIoClient(url: string): Promise<BenchClient> {
	const socket = connectSocketIo(url, { transports: ['websocket'], reconnection: false, forceNew: true });
	const results: Results[] = [];
	socket.on('results', (r: Results) => results.push(r));
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	return {
		results,
		async vote(option, key) {
			const ack = (await socket.timeout(5000).emitWithAck('vote', { option, key })) as
				{ ok: true; data: { seq: number } } | { ok: false; error: { code: string } };
			if (!ack.ok) throw new Error(ack.error.code);
			return ack.data.seq;
		},
		close: () => socket.close()
	};
}

async function wsClient(url: string): Promise<BenchClient> {
	const ws = new WebSocket(url.replace('http', 'ws'));
	const results: Results[] = [];
	const pending = new Map<number, (ack: { seq?: number; error?: string }) => void>();
	let nextId = 1;
	ws.on('message', (data) => {
		const msg = JSON.parse(data.toString()) as ({ type: 'results' } & Results) | { type: 'ack'; id: number; seq?: number; error?: string };
		if (msg.type === 'results') results.push(msg);
		else pending.get(msg.id)?.(msg);
	});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	return {
		results,
		async vote(option, key) {
			const id = nextId++;
			const ack = await new Promise<{ seq?: number; error?: string }>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no ack for vote ${id} within 5 s`)), 5000);
				pending.set(id, (a) => {
					clearTimeout(timer);
					pending.delete(id);
					resolve(a);
				});
				ws.send(JSON.stringify({ type: 'vote', option, key, id }));
			});
			if (ack.error !== undefined || ack.seq === undefined) throw new Error(ack.error ?? 'ack without seq');
			return ack.seq;
		},
		close: () => ws.close()
	};
}

async function until(what: string, ok: () => boolean, timeoutMs = 5000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

const servers = [
	{ name: 'baseline', connect: socketIoClient },
	{ name: 'floor', connect: wsClient }
] as const;

describe.each(servers)('reference server $name', ({ name, connect }) => {
	let server: RefServer | null = null;
	const clients: BenchClient[] = [];

	beforeAll(async () => {
		server = await startRefServer(name);
		for (let i = 0; i < CLIENTS; i++) clients.push(await connect(server.url));
	});

	afterAll(async () => {
		for (const c of clients.splice(0)) c.close();
		await stopRefServer(server);
	});

	it('acknowledges every vote, counts a repeated key once, and broadcasts the tally to every client', async () => {
		const t0 = Date.now();
		const seqs = await Promise.all(clients.map((c, i) => c.vote(i % OPTIONS, `key-${i}`)));
		expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: CLIENTS }, (_, i) => i + 1));
		await until('every client to receive the tally of 20 votes', () => clients.every((c) => c.results.at(-1)?.voters === CLIENTS));
		for (const c of clients) expect(c.results.at(-1)!.counts).toEqual({ '0': 7, '1': 7, '2': 6 });
		const first = clients[0]!.results[0]!;
		expect(first.t).toBeGreaterThanOrEqual(t0);
		expect(first.t).toBeLessThanOrEqual(Date.now());
		expect(first.seq).toBeGreaterThanOrEqual(first.t);

		// The repeat (another option, same key) answers its first number and must not count; the
		// fresh vote after it forces a tick that would show a double count.
		expect(await clients[0]!.vote(2, 'key-0')).toBe(seqs[0]);
		expect(await clients[1]!.vote(2, 'key-extra')).toBe(CLIENTS + 1);
		await until('every client to receive the next tally', () => clients.every((c) => (c.results.at(-1)?.voters ?? 0) > CLIENTS));
		for (const c of clients) {
			expect(c.results.at(-1)).toMatchObject({ voters: CLIENTS + 1, counts: { '0': 7, '1': 7, '2': 7 } });
			const seqsSeen = c.results.map((r) => r.seq);
			expect(seqsSeen).toEqual([...new Set(seqsSeen)].sort((a, b) => a - b));
		}
	});

	it('refuses an invalid vote without counting it', async () => {
		await expect(clients[2]!.vote(-1, 'key-bad')).rejects.toThrow('invalid_payload');
		await expect(clients[2]!.vote('0', 'key-bad')).rejects.toThrow('invalid_payload');
		await expect(clients[2]!.vote(0, '')).rejects.toThrow('invalid_payload');
		expect(await clients[2]!.vote(1, 'key-after-bad')).toBe(CLIENTS + 2);
	});

	it('reports its figures on /__bench/stats and starts a new window on /__bench/reset', async () => {
		const stats = (await (await fetch(`${server!.url}/__bench/stats?gc=1`)).json()) as Record<string, unknown>;
		expect(stats).toMatchObject({ connections: CLIENTS, gc: true });
		expect(stats.ticks).toBeGreaterThanOrEqual(1);
		expect(stats.recipients).toBeGreaterThanOrEqual(CLIENTS);
		expect(stats.usPerRecipient).toBeGreaterThan(0);
		expect(stats.heapUsedBytes).toBeGreaterThan(0);

		// Let the tick of the last vote pass, so nothing is pending when the window restarts.
		await until('the last vote to be broadcast', () => clients.every((c) => c.results.at(-1)?.voters === CLIENTS + 2));
		const reset = await fetch(`${server!.url}/__bench/reset`, { method: 'POST' });
		expect(reset.status).toBe(204);
		const after = (await (await fetch(`${server!.url}/__bench/stats`)).json()) as Record<string, unknown>;
		expect(after).toMatchObject({ ticks: 0, recipients: 0, emitMsTotal: 0, gc: false, connections: CLIENTS });
		expect((await fetch(`${server!.url}/elsewhere`)).status).toBe(404);
	});
});
