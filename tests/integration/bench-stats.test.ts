/**
 * The benchmark's window into Plenum (src/lib/server/bench-stats.ts): off unless PLENUM_BENCH=1,
 * and when on it counts what the results tick emitted and to how many sockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { openPoll, seedEvent } from '../support/cluster.ts';
import { client, connected, emitRaw, waitFor, type TestSocket } from '../support/realtime.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import type { BenchStats } from '../../src/lib/server/bench-stats.ts';

let srv: Running | null = null;
const sockets: TestSocket[] = [];

afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	await srv?.shutdown();
	srv = null;
});

describe('benchmark stats', () => {
	it('are not served unless PLENUM_BENCH=1', async () => {
		srv = await startServer(testConfig());
		expect((await fetch(`${srv.url}/__bench/stats`)).status).toBe(404);
		expect((await fetch(`${srv.url}/__bench/reset`, { method: 'POST' })).status).toBe(404);
	});

	it('with PLENUM_BENCH=1: a results tick to 10 phones is counted as emitted to 10 recipients; reset starts a new window', async () => {
		const config = testConfig({ PLENUM_BENCH: '1' });
		srv = await startServer(config);
		const d = srv.app.deps;
		const scene = await seedEvent({ deps: d });
		const pollId = await openPoll({ deps: d }, scene, 'bench?');
		for (let i = 0; i < 10; i++) {
			const { token } = await joinEvent({ eventId: scene.eventId, via: 'room' }, d);
			const s = client(
				srv.url,
				{ role: 'audience', eventId: scene.eventId },
				{ cookie: `${participantCookieName(scene.eventId)}=${token}`, origin: config.publicOrigin }
			);
			sockets.push(s);
			await connected(s);
			await emitRaw(s, 'session:watch', { sessionId: scene.sessionId });
		}
		expect((await fetch(`${srv.url}/__bench/reset`, { method: 'POST' })).status).toBe(204);
		expect(await emitRaw(sockets[0]!, 'poll:vote', { pollId, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() })).toMatchObject({ ok: true });
		const read = async () => (await (await fetch(`${srv!.url}/__bench/stats`)).json()) as BenchStats;
		await waitFor(async () => (await read()).ticks >= 1, 3000);
		const s = await read();
		expect(s.connections).toBe(10);
		expect(s.recipients).toBeGreaterThanOrEqual(10);
		expect(s.usPerRecipient).toBeGreaterThan(0);
		expect(s.elu).toBeGreaterThan(0);
		expect(s.rssBytes).toBeGreaterThan(s.heapUsedBytes);
		await fetch(`${srv.url}/__bench/reset`, { method: 'POST' });
		expect((await read()).ticks).toBe(0);
	});
});
