/**
 * The shipped balancer configuration, run for real: Debian's HAProxy with `deploy/haproxy.cfg` in
 * front of two Plenum processes (issue 6). Long-polling needs every request of a connection on
 * the same process: the sticky cookie gives that; and when that process dies, HAProxy sends the
 * phone to the other one. Needs `haproxy` (`.ci/run` installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import type { Ack } from '../../src/lib/shared/result.ts';
import { freePort } from '../support/built-server.ts';
import { openPoll, seedEvent, startCluster, type Cluster, type Scene } from '../support/cluster.ts';
import { waitFor } from '../support/realtime.ts';

/** Debian installs it under /usr/sbin, which is not on every user's PATH. */
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';
let c: Cluster;
let scene: Scene;
let haproxy: ChildProcess;
let url: string;
const logs: string[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
	if (spawnSync(HAPROXY, ['-v']).error) throw new Error('haproxy is not installed: apt-get install -y haproxy (.ci/run does)');
	c = await startCluster({ nodes: 2 });
	scene = await seedEvent(c);
	const port = await freePort();
	url = `http://127.0.0.1:${port}`;
	haproxy = spawn(HAPROXY, ['-f', 'deploy/haproxy.cfg', '-db'], {
		env: {
			...process.env,
			PLENUM_BIND: `127.0.0.1:${port}`,
			PLENUM_APP1: `127.0.0.1:${c.nodes[0]!.port}`,
			PLENUM_APP2: `127.0.0.1:${c.nodes[1]!.port}`,
			PLENUM_STATS_BIND: `127.0.0.1:${await freePort()}`,
			PLENUM_MAXCONN: '2000'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	haproxy.stdout!.on('data', (d: Buffer) => logs.push(d.toString()));
	haproxy.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
	await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 15_000);
}, 90_000);

afterAll(async () => {
	for (const s of sockets) s.close();
	haproxy?.kill('SIGKILL');
	await c?.close();
});

/** A phone on long-polling only (the fallback for networks that break WebSocket), keeping cookies like a browser. */
async function pollingPhone(): Promise<Socket> {
	const { token } = await joinEvent({ eventId: scene.eventId, via: 'room' }, c.deps);
	const socket = connect(url, {
		auth: { v: PROTOCOL_VERSION, role: 'audience', eventId: scene.eventId },
		extraHeaders: { origin: c.origin, cookie: `${participantCookieName(scene.eventId)}=${token}` },
		transports: ['polling'],
		withCredentials: true,
		reconnectionDelay: 500,
		reconnectionDelayMax: 2000,
		forceNew: true
	});
	sockets.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

const vote = (s: Socket, pollId: string) =>
	s.timeout(5000).emitWithAck('poll:vote', { pollId, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() }) as Promise<Ack<unknown>>;

describe('deploy/haproxy.cfg', () => {
	it('sets the sticky cookie and keeps a long-polling phone on one process', async () => {
		const res = await fetch(`${url}/healthz`);
		expect(res.status).toBe(200);
		expect(res.headers.get('set-cookie')).toMatch(/^plenum_node=app[12];/);
		const pollId = await openPoll(c, scene, 'HAProxy?');
		const phone = await pollingPhone();
		expect(phone.io.engine.transport.name).toBe('polling');
		expect((await phone.timeout(5000).emitWithAck('session:watch', { sessionId: scene.sessionId })) as Ack<unknown>).toMatchObject({ ok: true });
		// Several seconds of long-polling requests (results ticks, acks): all on the same process,
		// or the engine would answer "session ID unknown" and the socket would drop.
		let drops = 0;
		phone.on('disconnect', () => drops++);
		for (let i = 0; i < 10; i++) {
			expect(await vote(phone, pollId)).toMatchObject({ ok: true });
			await new Promise((r) => setTimeout(r, 200));
		}
		expect(drops).toBe(0);
	}, 60_000);

	it('a process that dies: its long-polling phones go to the other process, and their next vote is acknowledged', async () => {
		const pollId = await openPoll(c, scene, 'failover?');
		const phones = await Promise.all(Array.from({ length: 6 }, () => pollingPhone()));
		let dropped = 0;
		for (const p of phones) p.once('disconnect', () => dropped++);
		await c.nodes[0]!.kill('SIGKILL');
		// Phones that were on the dead process reconnect through HAProxy; every phone then votes.
		await waitFor(() => dropped > 0 && phones.every((p) => p.connected), 20_000);
		const acks = await Promise.all(
			phones.map(async (p) => {
				for (let tries = 0; tries < 10; tries++) {
					const a = await vote(p, pollId).catch(() => null);
					if (a?.ok) return a;
					await new Promise((r) => setTimeout(r, 500));
				}
				return null;
			})
		);
		expect(acks.every((a) => a?.ok)).toBe(true);
		const stored = await c.db.db.selectFrom('poll_votes').select('participant_id').where('poll_id', '=', pollId).execute();
		expect(stored.length).toBe(6);
	}, 60_000);
});
