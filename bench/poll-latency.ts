/**
 * Rough vote latency for issue 3's closing note (the benchmark issue makes it rigorous):
 * N simulated phones (socket.io-client, one connection each) on the built server in its own
 * process pinned to core 0; this load generator on core 1. Measures vote ack latency and
 * vote-to-stage latency (send → first results snapshot on a stage socket that includes it).
 *
 *   npm run build && taskset -c 1 node bench/poll-latency.ts [N=1000] [votesPerSecond=200]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { readConfig } from '../src/lib/server/config.ts';
import { createApp } from '../src/lib/server/app.ts';
import { createOwner } from '../src/lib/server/auth/service.ts';
import { createEvent, createSession } from '../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../src/lib/server/participants/service.ts';
import { createPoll, openPoll } from '../src/lib/server/polls/service.ts';
import { stageTokenFor } from '../src/lib/server/stage/service.ts';
import { PROTOCOL_VERSION } from '../src/lib/shared/protocol-version.ts';

const N = Number(process.argv[2] ?? 1000);
const RATE = Number(process.argv[3] ?? 200);
const PORT = 3400 + Math.floor(Math.random() * 500);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bench-'));

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

// Seed through the domain (same SQLite file; WAL lets the server read it).
const app = await createApp(readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: ORIGIN }));
const owner = await createOwner({ email: 'bench@x.de', name: 'B', password: 'bench password 1' }, app.deps);
const ev = await createEvent(
	{ title: 'Bench', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2099-12-31' },
	{ userId: owner.id, isAdmin: true },
	app.deps
);
const ses = await createSession(
	ev.id,
	{ kind: 'plenary', title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null },
	owner.id,
	app.deps
);
const poll = await createPoll(
	ses.id,
	{ kind: 'single', question: 'Q', options: ['A', 'B', 'C', 'D'], allowChange: true, resultsVisibility: 'live', showNames: false },
	owner.id,
	app.deps
);
const tokens: string[] = [];
for (let i = 0; i < N; i++) tokens.push((await joinEvent({ eventId: ev.id, via: i % 3 ? 'room' : 'online' }, app.deps)).token);
const stageToken = await stageTokenFor(ses.id, app.deps);
await openPoll(poll.id, owner.id, app.deps);
await app.close();

const server = spawn('taskset', ['-c', '0', process.execPath, 'server.ts'], {
	env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PUBLIC_ORIGIN: ORIGIN, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
	stdio: 'inherit'
});
for (let i = 0; i < 100; i++) {
	if (
		await fetch(`${ORIGIN}/readyz`).then(
			(r) => r.ok,
			() => false
		)
	)
		break;
	await new Promise((r) => setTimeout(r, 100));
}

const connect = (auth: Record<string, unknown>, cookie?: string): Promise<Socket> =>
	new Promise((resolve, reject) => {
		const s = io(ORIGIN, {
			auth: { v: PROTOCOL_VERSION, ...auth },
			extraHeaders: { origin: ORIGIN, ...(cookie ? { cookie } : {}) },
			transports: ['websocket'],
			reconnection: false
		});
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});

const stage = await connect({ role: 'stage', sessionId: ses.id, stageToken });
await stage.emitWithAck('session:watch', { sessionId: ses.id });
const seen: { t: number; voters: number }[] = [];
stage.on('poll:results', (r: { all: { voters: number } }) => seen.push({ t: performance.now(), voters: r.all.voters }));

const phones: Socket[] = [];
for (let i = 0; i < N; i += 100) {
	phones.push(
		...(await Promise.all(tokens.slice(i, i + 100).map((t) => connect({ role: 'audience', eventId: ev.id }, `${participantCookieName(ev.id)}=${t}`))))
	);
}
await Promise.all(phones.map((s) => s.emitWithAck('session:watch', { sessionId: ses.id })));

const sent: number[] = [];
const ackMs: number[] = [];
const ackedAt: number[] = [];
const start = performance.now();
await Promise.all(
	phones.map(async (s, i) => {
		const due = start + (i * 1000) / RATE;
		await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
		const t0 = performance.now();
		sent[i] = t0;
		const ack = (await s.emitWithAck('poll:vote', { pollId: poll.id, answer: { kind: 'single', optionId: `o${(i % 4) + 1}` }, key: randomUUID() })) as {
			ok: boolean;
		};
		if (!ack.ok) throw new Error('vote refused');
		const t1 = performance.now();
		ackMs.push(t1 - t0);
		ackedAt.push(t1);
	})
);
await new Promise((r) => setTimeout(r, 1500));

// The k-th acknowledged vote is on the stage once a snapshot shows at least k voters.
const order = sent.map((t, i) => ({ t, ack: ackedAt[i]! })).sort((a, b) => a.ack - b.ack);
const toStage = order.map((v, k) => {
	const snap = seen.find((s) => s.voters >= k + 1 && s.t >= v.t);
	return snap ? snap.t - v.t : Number.POSITIVE_INFINITY;
});
const missing = toStage.filter((x) => !Number.isFinite(x)).length;
console.log(
	JSON.stringify(
		{
			participants: N,
			votesPerSecond: RATE,
			ack_ms: { p50: +pct(ackMs, 50).toFixed(1), p95: +pct(ackMs, 95).toFixed(1), p99: +pct(ackMs, 99).toFixed(1), max: +Math.max(...ackMs).toFixed(1) },
			vote_to_stage_ms: { p50: +pct(toStage, 50).toFixed(1), p95: +pct(toStage, 95).toFixed(1), p99: +pct(toStage, 99).toFixed(1) },
			stage_final_voters: seen.at(-1)?.voters,
			not_on_stage: missing
		},
		null,
		1
	)
);
for (const s of phones) s.close();
stage.close();
server.kill('SIGTERM');
