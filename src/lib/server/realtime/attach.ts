import type { ServerOptions } from 'socket.io';
import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import { authenticate } from './handshake.ts';
import { socketWiring, type RealtimeContext } from './handlers.ts';
import { originAllowed } from './origin.ts';
import { Presence } from './presence.ts';
import { PollFeed } from './poll-feed.ts';
import { QaFeed } from './qa-feed.ts';
import { BoardFeed } from './board-feed.ts';
import type { PlenumServer } from './context.ts';
import type { BoardSink, PollSink, QaSink } from './publisher.ts';
import type { RedisLink } from '../redis/link.ts';
import { RedisBus } from '../redis/bus.ts';
import { Cluster, type ClusterMessage } from './cluster.ts';
import { refreshWatched } from './resync.ts';
import { presenceTicker, PRESENCE_TICK_MS } from './presence-tick.ts';
import { loginExpirySweep, LOGIN_SWEEP_MS } from './login-expiry.ts';
import { RECOVERY_WINDOW_MS } from './recovery-window.ts';

/**
 * 16 KiB per message is far above any legitimate inbound payload (the largest is a question of
 * a few hundred characters) and keeps a malicious client from making the server buffer
 * megabytes (S6). Compression stays off: at 5,000 clients it cost 260 KB per connection.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024;

export function socketServerOptions(
	allowedOrigins: readonly string[],
	transports: readonly ('polling' | 'websocket')[] = ['polling', 'websocket']
): Partial<ServerOptions> {
	return {
		transports: [...transports],
		serveClient: false,
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		perMessageDeflate: false,
		httpCompression: false,
		connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
		allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, allowedOrigins))
	};
}

export interface Realtime {
	ctx: RealtimeContext;
	/** Where the publisher sends changes: the feeds, or scaled out the cluster in front of them. */
	sinks: { polls: PollSink; qa: QaSink; boards: BoardSink };
	stop(): void;
}

/**
 * Wires authentication, handlers and the presence tick onto a Socket.IO server. With `redis`,
 * changes and presence counts also cross to the other processes (realtime/cluster.ts), and the
 * process refreshes its own sockets from the database when Redis returns after an outage.
 */
export function attachRealtime(io: PlenumServer, deps: Deps, log: Logger, redis: RedisLink | null = null): Realtime {
	const polls = new PollFeed(io, deps, log);
	polls.start();
	const qa = new QaFeed(io, deps, log);
	qa.start();
	const boards = new BoardFeed(io, deps, log);
	boards.start();
	const ctx: RealtimeContext = {
		deps,
		presence: new Presence(),
		polls,
		qa,
		boards,
		stats: { invalidPayloads: 0, errors: 0, inFlight: 0 },
		log,
		draining: false
	};
	const feeds = { polls, qa, boards };
	const cluster = redis ? new Cluster(new RedisBus<ClusterMessage>(redis, log), feeds, ctx.presence) : null;
	const presence = presenceTicker(io, ctx.presence, cluster);
	if (cluster && redis) {
		cluster.listen();
		redis.onReturn(() => {
			presence.resendAll();
			refreshWatched(io, deps, feeds).catch((e: unknown) =>
				log.error('refresh after redis returned failed', { error: e instanceof Error ? e.message : String(e) })
			);
		});
	}
	io.use((socket, next) => {
		authenticate(socket, deps).then(
			(err) => next(err ?? undefined),
			(e: unknown) => {
				log.error('handshake failed', { error: e instanceof Error ? e.message : String(e) });
				next(Object.assign(new Error('unavailable'), { data: { code: 'unavailable' } }));
			}
		);
	});
	const wire = socketWiring(ctx);
	io.on('connection', (socket) => {
		wire(socket);
		// Connection state recovery resumes from the last offset a client saw; ticks go to local
		// sockets only and are not kept (recovery-adapter.ts), so each new socket gets one broadcast
		// that is (through Redis when scaled out).
		if (!socket.recovered) io.to(socket.id).emit('sys:hello');
	});
	const timer = setInterval(presence.tick, PRESENCE_TICK_MS);
	timer.unref();
	const sweep = loginExpirySweep(io, deps);
	let sweeping = false;
	const loginTimer = setInterval(() => {
		// A slow database must not stack sweeps up.
		if (sweeping) return;
		sweeping = true;
		sweep()
			.catch((e: unknown) => log.warn('login expiry sweep failed', { error: e instanceof Error ? e.message : String(e) }))
			.finally(() => (sweeping = false));
	}, LOGIN_SWEEP_MS);
	loginTimer.unref();
	return {
		ctx,
		sinks: cluster ? { polls: cluster, qa: cluster, boards: cluster } : feeds,
		stop: () => {
			clearInterval(timer);
			clearInterval(loginTimer);
			cluster?.close();
			polls.stop();
			qa.stop();
			boards.stop();
		}
	};
}
