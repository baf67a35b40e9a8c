import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Server } from 'socket.io';
import type { Config } from './config.ts';
import { createApp, type App } from './app.ts';
import { attachRealtime, socketServerOptions, type Realtime } from './realtime/attach.ts';
import { setRunning } from './registry.ts';
import { redisStreamsAdapter } from './redis/socket-adapter.ts';
import { forgetEvent, startHistoryTrim } from './redis/broadcast-history.ts';
import { TickSkippingSessionAdapter } from './realtime/recovery-adapter.ts';
import { startRetentionSweep } from './events/retention.ts';
import { enableBenchStats } from './bench-stats.ts';
import type { PlenumServer } from './realtime/context.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './log.ts';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const PROTO_HEADER = 'x-plenum-proto';
const HOST_HEADER = 'x-plenum-host';

export interface Running {
	app: App;
	io: PlenumServer;
	http: HttpServer;
	realtime: Realtime;
	url: string;
	/** Stops accepting, lets acknowledged work finish, closes sockets and the database (D2). */
	shutdown(): Promise<void>;
}

/** Attaches Socket.IO and the realtime layer to an HTTP server and registers the running app. */
export function attachToHttp(http: HttpServer, app: App, state: { draining: boolean }): { io: PlenumServer; realtime: Realtime } {
	const origins = [app.config.publicOrigin, ...app.config.extraOrigins];
	const io: PlenumServer = new Server(http, {
		...socketServerOptions(origins, app.config.socketTransports),
		adapter: app.redis ? redisStreamsAdapter(app.redis) : TickSkippingSessionAdapter
	});
	const realtime = attachRealtime(io, app.deps, app.log, app.redis);
	const redis = app.redis;
	const forget = redis
		? (eventId: string) =>
				void forgetEvent(redis, eventId).catch((e: unknown) =>
					app.log.warn('could not drop the broadcast history after a deletion', { error: e instanceof Error ? e.message : String(e) })
				)
		: undefined;
	app.bindPublisher(io, realtime.sinks.polls, realtime.sinks.qa, realtime.sinks.boards, forget);
	setRunning({ app, realtime, isDraining: () => state.draining });
	return { io, realtime };
}

/**
 * Boots the whole server on one port: health endpoints, Socket.IO, and (when given) SvelteKit's
 * handler. Order matters: Socket.IO must be attached before SvelteKit's handler is imported,
 * because importing it runs the `init` hook, which looks up the running app.
 */
export async function startServer(config: Config, opts: { loadHandler?: () => Promise<NodeHandler>; clock?: Clock; log?: Logger } = {}): Promise<Running> {
	const app = await createApp(config, { clock: opts.clock, log: opts.log });
	const origin = new URL(config.publicOrigin);
	process.env.PROTOCOL_HEADER = PROTO_HEADER;
	process.env.HOST_HEADER = HOST_HEADER;
	const state = { draining: false };
	let handler: NodeHandler | null = null;
	// The benchmark's window into the process (bench-stats.ts); never on unless PLENUM_BENCH=1.
	let benchRoutes: ReturnType<typeof enableBenchStats> | null = null;
	const http = createServer((req, res) => {
		if (benchRoutes?.(req, res)) return;
		if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
		if (req.url === '/readyz')
			return void readiness(app, state.draining).then((ok) => res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ready' : 'not ready'));
		if (!handler) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
		// SvelteKit builds request URLs (and checks CSRF) against PUBLIC_ORIGIN, whatever
		// Host or X-Forwarded-* a client sends: the origin is configuration, not input.
		req.headers[PROTO_HEADER] = origin.protocol.slice(0, -1);
		req.headers[HOST_HEADER] = origin.host;
		handler(req, res);
	});
	const { io, realtime } = attachToHttp(http, app, state);
	if (config.bench) benchRoutes = enableBenchStats(() => io.engine.clientsCount);
	if (opts.loadHandler) handler = await opts.loadHandler();
	await new Promise<void>((resolve) => http.listen(config.port, config.host, resolve));
	const stopRetention = startRetentionSweep(app.deps, app.log);
	const stopHistoryTrim = app.redis ? startHistoryTrim(app.redis, app.log) : () => {};
	const port = (http.address() as AddressInfo).port;
	const url = `http://127.0.0.1:${port}`;
	app.log.info('plenum listening', { port, db: app.deps.dbKind });

	let closing: Promise<void> | null = null;
	const shutdown = () =>
		(closing ??= (async () => {
			state.draining = true;
			realtime.ctx.draining = true;
			http.close();
			const deadline = Date.now() + config.shutdownGraceMs;
			while (realtime.ctx.stats.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			realtime.stop();
			stopRetention();
			stopHistoryTrim();
			// Closing the connections (not a namespace disconnect) is a reason clients reconnect on by
			// themselves, and one whose session is kept for recovery — in Redis when scaled out, so a
			// phone resumes on another process with its rooms and missed broadcasts.
			await new Promise<void>((r) => io.close(() => r()));
			http.closeAllConnections();
			await app.close();
		})());
	return { app, io, http, realtime, url, shutdown };
}

async function readiness(app: App, draining: boolean): Promise<boolean> {
	if (draining) return false;
	try {
		await sql`SELECT 1`.execute(app.deps.db);
		return true;
	} catch {
		return false;
	}
}
