/**
 * The TCP fault proxy the reliability tests stand on: if it silently corrupted, reordered or
 * mis-routed bytes, every test built on it would measure the proxy instead of Plenum. Real sockets
 * against small echo/identify servers started here.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../support/fault-proxy.ts';

/** A test backend: greets with its name (if any), echoes (if asked) and records what it received. */
interface TestBackend {
	name: string;
	port: number;
	sockets: Socket[];
	received: Buffer[];
	close(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startBackend(name: string, opts: { echo?: boolean; greet?: boolean; port?: number } = {}): Promise<TestBackend> {
	const sockets: Socket[] = [];
	const received: Buffer[] = [];
	const server: Server = createServer((socket) => {
		sockets.push(socket);
		socket.on('error', () => {});
		if (opts.greet ?? true) socket.write(`${name}\n`);
		socket.on('data', (chunk: Buffer) => {
			received.push(chunk);
			if (opts.echo ?? true) socket.write(chunk);
		});
	});
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
	let closed = false;
	const backend: TestBackend = {
		name,
		port: (server.address() as { port: number }).port,
		sockets,
		received,
		close: () => {
			if (closed) return Promise.resolve();
			closed = true;
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		}
	};
	cleanups.push(() => backend.close());
	return backend;
}

async function startProxy(backends: TestBackend[], sticky?: 'source' | 'connection'): Promise<FaultProxy> {
	const proxy = await FaultProxy.start({ backends: backends.map((b) => ({ host: '127.0.0.1', port: b.port })), sticky });
	cleanups.push(() => proxy.close());
	return proxy;
}

/** A client socket that collects everything it receives and knows when it closed. */
interface Client {
	socket: Socket;
	data(): Buffer;
	closed: Promise<void>;
	/** Resolves once at least `n` bytes arrived. */
	waitBytes(n: number): Promise<Buffer>;
}

function client(port: number, localAddress?: string): Promise<Client> {
	return new Promise((resolve, reject) => {
		const socket = connect({ host: '127.0.0.1', port, localAddress });
		cleanups.push(() => void socket.destroy());
		const chunks: Buffer[] = [];
		let waiters: (() => void)[] = [];
		socket.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			for (const wake of waiters.splice(0)) wake();
		});
		socket.on('error', () => {});
		const closed = new Promise<void>((res) => socket.on('close', () => res()));
		const data = () => Buffer.concat(chunks);
		const waitBytes = (n: number) =>
			new Promise<Buffer>((res, rej) => {
				const check = () => {
					const all = data();
					if (all.length >= n) res(all);
					else if (socket.destroyed) rej(new Error(`connection closed after ${all.length} of ${n} bytes`));
					else waiters.push(check);
				};
				socket.once('close', () => {
					waiters = [];
					check();
				});
				check();
			});
		socket.once('connect', () => resolve({ socket, data, closed, waitBytes }));
		socket.once('error', reject);
	});
}

/** Connects and returns the greeting line: the name of the backend the proxy chose. */
async function backendOf(port: number, localAddress?: string): Promise<{ name: string; c: Client }> {
	const c = await client(port, localAddress);
	await waitFor(() => c.data().includes('\n'));
	return { name: c.data().toString().split('\n')[0]!, c };
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(5);
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends a ping through an echo backend and returns the round trip in ms. */
async function roundTrip(c: Client, payload: string): Promise<number> {
	const before = c.data().length;
	const start = performance.now();
	c.socket.write(payload);
	await c.waitBytes(before + payload.length);
	return performance.now() - start;
}

describe('FaultProxy as a plain proxy', () => {
	it('passes a 1 MB payload through intact, both ways', async () => {
		const backend = await startBackend('B0', { greet: false });
		const proxy = await startProxy([backend]);
		const c = await client(proxy.port);
		const payload = randomBytes(1 << 20);
		c.socket.write(payload);
		const echoed = await c.waitBytes(payload.length);
		expect(echoed.length).toBe(payload.length);
		expect(echoed.equals(payload)).toBe(true);
		expect(Buffer.concat(backend.received).equals(payload)).toBe(true);
		expect(proxy.stats()).toMatchObject({ open: 1, perBackend: [1], accepted: 1 });
	});

	it('adds at least the configured latency each way', async () => {
		const backend = await startBackend('B0', { greet: false });
		const proxy = await startProxy([backend]);
		const c = await client(proxy.port);
		await roundTrip(c, 'ping');
		proxy.setLatency(60);
		const delayed = await roundTrip(c, 'ping');
		// 60 ms up + 60 ms down; the upper bound only guards against a stuck queue.
		expect(delayed).toBeGreaterThanOrEqual(120);
		expect(delayed).toBeLessThan(2_000);
		proxy.setLatency(0);
		await roundTrip(c, 'pong');
		expect(c.data().toString()).toBe('pingpingpong');
	});

	it('never reorders bytes under jitter', async () => {
		const backend = await startBackend('B0', { greet: false });
		const proxy = await startProxy([backend]);
		const c = await client(proxy.port);
		proxy.setLatency(2, 30);
		const count = 150;
		let sent = '';
		for (let i = 0; i < count; i++) {
			const piece = `${i};`;
			sent += piece;
			c.socket.write(piece);
			// Separate ticks, so the proxy sees many chunks, each with its own jitter.
			if (i % 3 === 0) await sleep(1);
		}
		const echoed = (await c.waitBytes(sent.length)).toString();
		const numbers = echoed.split(';').filter(Boolean).map(Number);
		expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i));
		expect(Buffer.concat(backend.received).toString()).toBe(sent);
	});

	it('cut() ends every open connection, and new ones still work', async () => {
		const backend = await startBackend('B0');
		const proxy = await startProxy([backend]);
		const a = await backendOf(proxy.port);
		const b = await backendOf(proxy.port);
		expect(proxy.stats().open).toBe(2);
		proxy.cut();
		await Promise.all([a.c.closed, b.c.closed]);
		expect(proxy.stats().open).toBe(0);
		await waitFor(() => backend.sockets.every((s) => s.destroyed));
		const fresh = await backendOf(proxy.port);
		expect(fresh.name).toBe('B0');
		expect(await roundTrip(fresh.c, 'still here')).toBeGreaterThanOrEqual(0);
		expect(fresh.c.data().toString()).toBe('B0\nstill here');
	});

	it('refuse(true) ends new connections without data and leaves open ones alone', async () => {
		const backend = await startBackend('B0');
		const proxy = await startProxy([backend]);
		const open = await backendOf(proxy.port);
		proxy.refuse(true);
		const refused = await client(proxy.port);
		await refused.closed;
		expect(refused.data().length).toBe(0);
		expect(backend.sockets.length).toBe(1);
		await roundTrip(open.c, 'ok');
		expect(open.c.data().toString()).toBe('B0\nok');
		proxy.refuse(false);
		expect((await backendOf(proxy.port)).name).toBe('B0');
		expect(proxy.stats().accepted).toBe(3);
	});

	it("blackhole('up') drops client bytes while the backend's still flow, without closing", async () => {
		const backend = await startBackend('B0', { echo: false });
		const proxy = await startProxy([backend]);
		const { c } = await backendOf(proxy.port);
		const server = backend.sockets[0]!;
		proxy.blackhole('up');
		c.socket.write('lost');
		server.write('down ok\n');
		await waitFor(() => c.data().toString() === 'B0\ndown ok\n');
		await sleep(100);
		expect(backend.received.length).toBe(0);
		expect(c.socket.destroyed || server.destroyed).toBe(false);
		proxy.blackhole(null);
		c.socket.write('kept');
		await waitFor(() => Buffer.concat(backend.received).toString() === 'kept');
	});

	it("blackhole('down') drops backend bytes while the client's still flow, without closing", async () => {
		const backend = await startBackend('B0', { echo: false });
		const proxy = await startProxy([backend]);
		const { c } = await backendOf(proxy.port);
		const server = backend.sockets[0]!;
		proxy.blackhole('down');
		server.write('lost');
		c.socket.write('up ok');
		await waitFor(() => Buffer.concat(backend.received).toString() === 'up ok');
		await sleep(100);
		expect(c.data().toString()).toBe('B0\n');
		expect(c.socket.destroyed || server.destroyed).toBe(false);
		proxy.blackhole(null);
		server.write('kept');
		await waitFor(() => c.data().toString() === 'B0\nkept');
	});

	it('destroys the client when its only backend is gone, and forwards again as soon as it is back', async () => {
		const backend = await startBackend('B0');
		const proxy = await startProxy([backend]);
		await backend.close();
		const c = await client(proxy.port);
		await c.closed;
		expect(c.data().length).toBe(0);
		expect(proxy.stats().open).toBe(0);
		// Within the 2 s "down" mark: with no other backend the proxy still tries this one.
		await startBackend('B0 again', { port: backend.port });
		expect((await backendOf(proxy.port)).name).toBe('B0 again');
	});
});

describe('FaultProxy as a balancer', () => {
	const sources = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];

	it('spreads source addresses round-robin and keeps each on its backend across reconnects', async () => {
		const backends = [await startBackend('B0'), await startBackend('B1')];
		const proxy = await startProxy(backends);
		const first: string[] = [];
		const open: Client[] = [];
		for (const source of sources) {
			const { name, c } = await backendOf(proxy.port, source);
			first.push(name);
			open.push(c);
		}
		expect(first).toEqual(['B0', 'B1', 'B0', 'B1']);
		expect(proxy.stats().perBackend).toEqual([2, 2]);
		for (const c of open) c.socket.destroy();
		await waitFor(() => proxy.stats().open === 0);
		// Reverse order, twice each: plain round-robin would hand out B0, B1, B0, … instead.
		for (const [i, source] of [...sources.entries()].reverse()) {
			for (let round = 0; round < 2; round++) {
				const { name, c } = await backendOf(proxy.port, source);
				expect(name, `${source} round ${round}`).toBe(first[i]);
				c.socket.destroy();
			}
		}
	});

	it("with sticky 'connection' every connection alternates", async () => {
		const backends = [await startBackend('B0'), await startBackend('B1')];
		const proxy = await startProxy(backends, 'connection');
		const names: string[] = [];
		for (let i = 0; i < 4; i++) names.push((await backendOf(proxy.port, '127.0.0.2')).name);
		expect(names).toEqual(['B0', 'B1', 'B0', 'B1']);
		expect(proxy.stats().perBackend).toEqual([2, 2]);
	});

	it('setBackendDown moves a sticky address to the other backend', async () => {
		const backends = [await startBackend('B0'), await startBackend('B1')];
		const proxy = await startProxy(backends);
		const before = await backendOf(proxy.port, '127.0.0.2');
		expect(before.name).toBe('B0');
		proxy.setBackendDown(0, true);
		// Open connections are not touched by routing changes.
		await roundTrip(before.c, 'x');
		expect((await backendOf(proxy.port, '127.0.0.2')).name).toBe('B1');
		expect((await backendOf(proxy.port, '127.0.0.3')).name).toBe('B1');
		proxy.setBackendDown(0, false);
		// Re-assigned addresses stay where they went; new ones use the healthy backend again.
		expect((await backendOf(proxy.port, '127.0.0.2')).name).toBe('B1');
		expect(() => proxy.setBackendDown(2, true)).toThrow(/no backend 2/);
	});

	it('a killed backend moves its sticky addresses to a live one and is skipped for 2 s', async () => {
		const backends = [await startBackend('B0'), await startBackend('B1')];
		const proxy = await startProxy(backends);
		const a = await backendOf(proxy.port, '127.0.0.2');
		const b = await backendOf(proxy.port, '127.0.0.3');
		expect([a.name, b.name]).toEqual(['B0', 'B1']);
		await backends[0]!.close();
		await a.c.closed;
		// The connect to B0 is refused; the proxy retries on B1 before the client sees a byte.
		const failedAt = Date.now();
		expect((await backendOf(proxy.port, '127.0.0.2')).name).toBe('B1');
		// B0 is back, but marked down for 2 s after the failed connect: a new address goes to B1 too.
		await startBackend('B0 again', { port: backends[0]!.port });
		expect((await backendOf(proxy.port, '127.0.0.4')).name).toBe('B1');
		expect(proxy.stats().perBackend).toEqual([0, 3]);
		await sleep(failedAt + 2_100 - Date.now());
		expect((await backendOf(proxy.port, '127.0.0.5')).name).toBe('B0 again');
		// Re-assigned addresses stay where they went.
		expect((await backendOf(proxy.port, '127.0.0.2')).name).toBe('B1');
	});
});
