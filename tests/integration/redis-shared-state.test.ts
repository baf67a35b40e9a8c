/**
 * What the scaled-out processes share through Redis besides the Socket.IO adapter (issue 6):
 * rate limits that hold across processes and fall back to memory while Redis is away, and the
 * bus that carries changed keys between processes. Real Redis: the machine's own under a key
 * prefix of this test, and one of the test's own on a spare port for the outage.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../src/lib/server/log.ts';
import { openRedis, type RedisLink } from '../../src/lib/server/redis/link.ts';
import { redisRateLimiter } from '../../src/lib/server/redis/rate-limit.ts';
import { RedisBus } from '../../src/lib/server/redis/bus.ts';
import { freePort } from '../support/built-server.ts';
import { waitFor } from '../support/realtime.ts';

const log = createLogger('silent');
const prefix = `plenum-t-${randomBytes(4).toString('hex')}:`;
const links: RedisLink[] = [];
const children: ChildProcess[] = [];

function link(url = 'redis://127.0.0.1:6379'): RedisLink {
	const l = openRedis(url, prefix, log);
	links.push(l);
	return l;
}

async function ownRedis(port: number): Promise<ChildProcess> {
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	children.push(child);
	const probe = link(`redis://127.0.0.1:${port}`);
	await waitFor(() => probe.isUp(), 5000);
	return child;
}

afterAll(async () => {
	const cleanup = link();
	await waitFor(() => cleanup.isUp(), 5000);
	for await (const keys of cleanup.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length) await cleanup.client.del(keys);
	for (const l of links) await l.close();
	for (const c of children) c.kill('SIGKILL');
});

describe('Redis shared state', () => {
	it('Q4/AU3 scaled out: a limit holds across processes (two links = two processes), and reset clears it for both', async () => {
		const [a, b] = [link(), link()];
		await waitFor(() => a.isUp() && b.isUp(), 5000);
		const onA = redisRateLimiter(a, 'questions', 3, 60_000);
		const onB = redisRateLimiter(b, 'questions', 3, 60_000);
		expect([await onA.hit('p1', 0), await onB.hit('p1', 0), await onA.hit('p1', 0)]).toEqual([0, 0, 0]);
		const wait = await onB.hit('p1', 0);
		expect(wait).toBeGreaterThan(59_000);
		expect(wait).toBeLessThanOrEqual(60_000);
		expect(await onA.hit('p2', 0)).toBe(0);
		await onA.reset('p1');
		expect(await onB.hit('p1', 0)).toBe(0);
		// The key names a hash, never the person, address or email.
		const keys: string[] = [];
		for await (const batch of a.client.scanIterator({ MATCH: `${prefix}rl:*`, COUNT: 100 })) keys.push(...batch);
		expect(keys.length).toBeGreaterThan(0);
		expect(keys.some((k) => k.includes('p1') || k.includes('p2'))).toBe(false);
	});

	it('architecture rule 7: while Redis is away a limit still holds, per process, and answers at once', async () => {
		const port = await freePort();
		const redis = await ownRedis(port);
		const l = link(`redis://127.0.0.1:${port}`);
		await waitFor(() => l.isUp(), 5000);
		const limiter = redisRateLimiter(l, 'upvotes', 2, 60_000);
		redis.kill('SIGKILL');
		await waitFor(() => !l.isUp(), 5000);
		const t0 = performance.now();
		const answers = [await limiter.hit('p', 1000), await limiter.hit('p', 1001), await limiter.hit('p', 1002)];
		expect(performance.now() - t0).toBeLessThan(100);
		expect(answers.slice(0, 2)).toEqual([0, 0]);
		expect(answers[2]).toBeGreaterThan(0);
	});

	it('the bus: a message reaches every other process, not its sender, and keeps flowing after Redis restarts', async () => {
		const port = await freePort();
		const redis = await ownRedis(port);
		const [a, b] = [link(`redis://127.0.0.1:${port}`), link(`redis://127.0.0.1:${port}`)];
		await waitFor(() => a.isUp() && b.isUp(), 5000);
		const busA = new RedisBus<{ n: number }>(a, log);
		const busB = new RedisBus<{ n: number }>(b, log);
		const gotA: number[] = [];
		const gotB: number[] = [];
		busA.listen((m) => gotA.push(m.n));
		busB.listen((m) => gotB.push(m.n));
		// The readers start at the stream's end: wait until a message gets through.
		await waitFor(async () => {
			busA.publish({ n: 0 });
			await new Promise((r) => setTimeout(r, 50));
			return gotB.includes(0);
		}, 5000);
		busA.publish({ n: 1 });
		busB.publish({ n: 2 });
		await waitFor(() => gotB.includes(1) && gotA.includes(2), 3000);
		expect(gotA).not.toContain(0);
		expect(gotA).not.toContain(1);
		let returned = 0;
		b.onReturn(() => returned++);
		redis.kill('SIGKILL');
		await waitFor(() => !a.isUp() && !b.isUp(), 5000);
		// Sending while Redis is away neither waits nor throws: the message is dropped.
		expect(busA.publish({ n: 3 })).toBe(false);
		await ownRedis(port);
		await waitFor(() => a.isUp() && b.isUp() && returned === 1, 10_000);
		await waitFor(async () => {
			busA.publish({ n: 4 });
			await new Promise((r) => setTimeout(r, 100));
			return gotB.includes(4);
		}, 10_000);
		expect(gotB).not.toContain(3);
		busA.close();
		busB.close();
	}, 30_000);
});
