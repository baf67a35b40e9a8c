import { randomBytes } from 'node:crypto';
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

/** An owner, an event and a plenary session, written straight to the database. */
export async function seedEvent(c: Cluster): Promise<Scene> {
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
export async function openPoll(c: Cluster, scene: Scene, question: string): Promise<string> {
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

/**
 * Opens a socket as a browser would (Origin = the public origin, cookies, WebSocket), to `url`
 * (the balancer or one process), from `localAddress`. `reconnect`: retry like the real client
 * (1–5 s back-off), for tests where a process dies.
 */
export function openSocket(
	c: Cluster,
	url: string,
	auth: Record<string, unknown>,
	opts: { cookie?: string; localAddress?: string; reconnect?: boolean } = {}
): TestSocket {
	return connect(url, {
		auth: { v: PROTOCOL_VERSION, ...auth },
		extraHeaders: { origin: c.origin, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
		transports: ['websocket'],
		localAddress: opts.localAddress,
		reconnection: opts.reconnect ?? false,
		reconnectionDelay: 1000,
		reconnectionDelayMax: 5000,
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
					c,
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
	const s = openSocket(c, node.origin, { role: 'stage', sessionId: scene.sessionId, stageToken: scene.stageToken }, { reconnect: true });
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
