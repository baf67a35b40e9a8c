import type { ServerOptions } from 'socket.io';
import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import { authenticate } from './handshake.ts';
import { registerHandlers, type RealtimeContext } from './handlers.ts';
import { originAllowed } from './origin.ts';
import { Presence } from './presence.ts';
import { rooms } from './rooms.ts';
import { PollFeed } from './poll-feed.ts';
import { QaFeed } from './qa-feed.ts';
import { BoardFeed } from './board-feed.ts';
import type { PlenumServer } from './context.ts';

/** Presence counts reach screens at most once a second: fast enough to watch a room fill up. */
export const PRESENCE_TICK_MS = 1000;
/**
 * 16 KiB per message is far above any legitimate inbound payload (the largest is a question of
 * a few hundred characters) and keeps a malicious client from making the server buffer
 * megabytes (S6). Compression stays off: at 5,000 clients it cost 260 KB per connection.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024;

export function socketServerOptions(allowedOrigins: readonly string[]): Partial<ServerOptions> {
	return {
		serveClient: false,
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		perMessageDeflate: false,
		httpCompression: false,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
		allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, allowedOrigins))
	};
}

export interface Realtime {
	ctx: RealtimeContext;
	stop(): void;
}

/** Wires authentication, handlers and the presence tick onto a Socket.IO server. */
export function attachRealtime(io: PlenumServer, deps: Deps, log: Logger): Realtime {
	const polls = new PollFeed(io, deps, log);
	polls.start();
	const qa = new QaFeed(io, deps, log);
	qa.start();
	const boards = new BoardFeed(io, deps, log);
	boards.start();
	const ctx: RealtimeContext = { deps, presence: new Presence(), polls, qa, boards, stats: { invalidPayloads: 0, errors: 0, inFlight: 0 }, log };
	io.use((socket, next) => {
		authenticate(socket, deps).then(
			(err) => next(err ?? undefined),
			(e: unknown) => {
				log.error('handshake failed', { error: e instanceof Error ? e.message : String(e) });
				next(Object.assign(new Error('unavailable'), { data: { code: 'unavailable' } }));
			}
		);
	});
	io.on('connection', (socket) => registerHandlers(socket, ctx));
	const timer = setInterval(() => {
		for (const sid of ctx.presence.takeDirty()) io.to(rooms.screens(sid)).emit('presence:counts', ctx.presence.counts(sid));
	}, PRESENCE_TICK_MS);
	timer.unref();
	return {
		ctx,
		stop: () => {
			clearInterval(timer);
			polls.stop();
			qa.stop();
			boards.stop();
		}
	};
}
