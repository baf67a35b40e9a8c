import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { io as connect } from 'socket.io-client';
import { systemClock } from '../../src/lib/server/clock.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';
import * as polls from '../../src/lib/server/polls/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol.ts';
import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import type { ResultsSnapshot, Tally } from '../../src/lib/shared/polls.ts';
import { postgresDb } from './databases.ts';
import { testDeps } from './deps.ts';
import { freePort } from './built-server.ts';
import { FaultProxy } from './fault-proxy.ts';
import { PlenumProcess } from './plenum-process.ts';
import { connected, type TestSocket } from './realtime.ts';

/**
 * The scaled-out shape for tests, with real processes: N Plenum processes (`node server.ts` on
 * the built app) on a PostgreSQL database of their own and Redis under a key prefix of their
 * own, behind the fault proxy acting as a sticky round-robin balancer. Phones go through the
 * balancer, each from its own loopback address (127.0.x.y), so source stickiness gives each
 * one its process as a cookie would.
 */
export interface Cluster {
	nodes: PlenumProcess[];
	balancer: FaultProxy;
	/** The address people reach: the balancer. Every process is told it (PUBLIC_ORIGIN). */
	origin: string;
	/** The test's own connection to the database and domain deps (publisher records, sends nothing). */
	db: DbHandle & { url: string };
	deps: ReturnType<typeof testDeps>['deps'];
	redisUrl: string;
	prefix: string;
	close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

/**
 * `databaseHost`: the processes reach the test's database through this host:port instead (a fault
 * proxy in front of PostgreSQL); the test itself keeps its direct connection.
 */
export async function startCluster(opts: { nodes?: number; redisUrl?: string; env?: Record<string, string>; databaseHost?: string } = {}): Promise<Cluster> {
	const db = await postgresDb.open();
	const via = new URL(db.url);
	if (opts.databaseHost) via.host = opts.databaseHost;
	const { deps } = testDeps(db, systemClock);
	const redisUrl = opts.redisUrl ?? 'redis://127.0.0.1:6379';
	const prefix = `plenum-t-${randomBytes(4).toString('hex')}:`;
	const balancerPort = await freePort();
	const origin = `http://127.0.0.1:${balancerPort}`;
	// The same server secret as the test's deps, so the stage links the test derives are valid.
	const env = {
		DATABASE_URL: via.toString(),
		REDIS_URL: redisUrl,
		REDIS_PREFIX: prefix,
		PUBLIC_ORIGIN: origin,
		PLENUM_SECRET: 'test-secret',
		LOG_LEVEL: 'warn',
		...opts.env
	};
	const nodes = await Promise.all(Array.from({ length: opts.nodes ?? 2 }, () => PlenumProcess.start(env)));
	const balancer = await FaultProxy.start({ backends: nodes.map((n) => ({ host: '127.0.0.1', port: n.port })), listenPort: balancerPort, sticky: 'source' });
	return {
		nodes,
		balancer,
		origin,
		db,
		deps,
		redisUrl,
		prefix,
		async close() {
			await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
			for (const n of nodes) rmSync(n.dataDir, { recursive: true, force: true });
			await balancer.close();
			await db.close();
			await db.drop();
		}
	};
}

export interface Scene {
	ownerId: string;
	eventId: string;
	sessionId: string;
	staffCookie: string;
	stageToken: string;
}

/**
 * An owner, an event and a plenary session, written straight to the database. Takes any test's
 * deps (a Cluster has them; so does a single process's database opened by the test).
 */
export async function seedEvent(c: Pick<Cluster, 'deps'>): Promise<Scene> {
	const d = c.deps;
	const ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: PASSWORD }, d)).id;
	const staffCookie = `${STAFF_COOKIE}=${(await auth.login({ email: 'o@x.de', password: PASSWORD, ip: '1' }, d)).token}`;
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
	return { ownerId, eventId, sessionId, staffCookie, stageToken: await stageTokenFor(sessionId, d) };
}

/** An open single-choice poll (minds may change) with live results, written straight to the database. */
export async function openPoll(c: Pick<Cluster, 'deps'>, scene: Pick<Scene, 'sessionId' | 'ownerId'>, question: string): Promise<string> {
	const p = await polls.createPoll(
		scene.sessionId,
		{ kind: 'single', question, options: ['Ja', 'Nein', 'Vielleicht'], allowChange: true, resultsVisibility: 'live', showNames: false },
		scene.ownerId,
		c.deps
	);
	await polls.openPoll(p.id, scene.ownerId, c.deps);
	return p.id;
}

/** The n-th simulated phone's own loopback address: 127.0.1.1, 127.0.1.2, … */
export function phoneAddress(n: number): string {
	return `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
}

export interface Phone {
	socket: TestSocket;
	participantId: string;
	address: string;
}

/** How a socket retries after losing its connection: not at all, like the real client (1–5 s back-off), or with its own delays. */
export type Reconnect = boolean | { delayMs: number; maxDelayMs: number };

/**
 * Opens a socket as a browser would (Origin = `origin`, the public origin the server is told;
 * cookies; WebSocket), to `url` (the balancer, one process, or a lone server), from
 * `localAddress`. `reconnect`: retry like the real client, for tests where a process dies.
 */
export function openSocket(
	origin: string,
	url: string,
	auth: Record<string, unknown>,
	opts: { cookie?: string; localAddress?: string; reconnect?: Reconnect } = {}
): TestSocket {
	const delays = typeof opts.reconnect === 'object' ? opts.reconnect : { delayMs: 1000, maxDelayMs: 5000 };
	return connect(url, {
		auth: { v: PROTOCOL_VERSION, ...auth },
		extraHeaders: { origin, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
		transports: ['websocket'],
		localAddress: opts.localAddress,
		reconnection: Boolean(opts.reconnect),
		reconnectionDelay: delays.delayMs,
		reconnectionDelayMax: delays.maxDelayMs,
		forceNew: true
	} as Parameters<typeof connect>[1]) as TestSocket;
}

/** `n` participants of the event, joined in the database, each connected and watching the session. */
export async function phones(
	c: Cluster,
	scene: Scene,
	n: number,
	opts: { url?: string | ((i: number) => string); first?: number; reconnect?: boolean } = {}
): Promise<Phone[]> {
	const out: Phone[] = [];
	const first = opts.first ?? 0;
	for (let i = 0; i < n; i += 50) {
		const batch = await Promise.all(
			Array.from({ length: Math.min(50, n - i) }, async (_, j) => {
				const k = first + i + j;
				const { token, participant } = await joinEvent({ eventId: scene.eventId, via: k % 3 === 0 ? 'online' : 'room' }, c.deps);
				const url = typeof opts.url === 'function' ? opts.url(k) : (opts.url ?? c.origin);
				const address = phoneAddress(k);
				const socket = openSocket(
					c.origin,
					url,
					{ role: 'audience', eventId: scene.eventId },
					{ cookie: `${participantCookieName(scene.eventId)}=${token}`, localAddress: address, reconnect: opts.reconnect }
				);
				await connected(socket);
				const ack = (await socket.timeout(5000).emitWithAck('session:watch', { sessionId: scene.sessionId })) as { ok: boolean };
				if (!ack.ok) throw new Error(`watch refused: ${JSON.stringify(ack)}`);
				if (opts.reconnect) socket.io.on('reconnect', () => void socket.emit('session:watch', { sessionId: scene.sessionId }, () => {}));
				return { socket, participantId: participant.id, address };
			})
		);
		out.push(...batch);
	}
	return out;
}

/** A stage screen connected straight to one process (not through the balancer). */
export async function stageOn(c: Cluster, scene: Scene, node: PlenumProcess): Promise<TestSocket> {
	const s = openSocket(c.origin, node.origin, { role: 'stage', sessionId: scene.sessionId, stageToken: scene.stageToken }, { reconnect: true });
	await connected(s);
	await s.timeout(5000).emitWithAck('session:watch', { sessionId: scene.sessionId });
	return s;
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Connects phones through the balancer one at a time and learns from its per-backend counts which
 * process each one landed on (-1: none, a finding), until `want[i]` phones are known on process i
 * or `max` phones were tried. For tests that give phones on one process a role of their own.
 */
export async function placedPhones(c: Cluster, scene: Scene, want: number[], max = 120): Promise<{ phone: Phone; node: number }[]> {
	const placed: { phone: Phone; node: number }[] = [];
	const known = () => want.every((n, node) => placed.filter((p) => p.node === node).length >= n);
	for (let k = 0; k < max && !known(); k++) {
		const before = c.balancer.stats().perBackend;
		const [phone] = await phones(c, scene, 1, { first: k });
		placed.push({ phone: phone!, node: c.balancer.stats().perBackend.findIndex((n, i) => n > before[i]!) });
	}
	return placed;
}

/**
 * Follows the results a socket (a stage screen, a phone) is sent: the latest snapshot of each
 * poll, by sequence number, so an older tick arriving late never hides a newer one.
 * `onSnapshot` sees every snapshot as it arrives (for tests that time them).
 */
export function followResults(socket: TestSocket, onSnapshot?: (r: ResultsSnapshot) => void): Map<string, ResultsSnapshot> {
	const latest = new Map<string, ResultsSnapshot>();
	socket.on('poll:results', (r) => {
		onSnapshot?.(r);
		const prev = latest.get(r.pollId);
		if (!prev || r.seq > prev.seq) latest.set(r.pollId, r);
	});
	return latest;
}

/** The poll's tally as the database has it now: what every stage must end up showing. */
export async function databaseTally(c: Pick<Cluster, 'deps'>, pollId: string): Promise<Tally> {
	return (await polls.pollResults(await polls.getPoll(pollId, c.deps), c.deps)).all;
}

/** The end of each process's log (A, B, …) and whether it still runs, for failure messages. */
export function processLogs(nodes: PlenumProcess[], chars = 6000): string {
	return nodes.map((n, i) => `--- process ${String.fromCharCode(65 + i)} (alive: ${n.alive}) ---\n${n.logs.join('').slice(-chars)}`).join('\n');
}
