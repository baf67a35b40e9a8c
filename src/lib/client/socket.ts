import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '#lib/shared/protocol-version.ts';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '#lib/shared/protocol.ts';
import type { Ack, ErrorCode } from '#lib/shared/result.ts';

/** The typed Socket.IO client every Plenum view uses (browser only). */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** What a view says about itself at the handshake; the protocol version is added here. */
export type RealtimeAuth = Omit<HandshakeAuth, 'v'>;

type Event = keyof ClientToServerEvents;
export type PayloadOf<E extends Event> = Parameters<ClientToServerEvents[E]>[0];
export type AckOf<E extends Event> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Reconnect waits grow to at most this: a projector that lost Wi-Fi is back within seconds of its return. */
export const RECONNECT_DELAY_MAX_MS = 5000;

/**
 * Opens the one socket of a view. It reconnects forever (a stage screen must never give up),
 * sends cookies (staff login, participant identity) and keeps Socket.IO's default transport
 * order: long-polling first, then the upgrade to WebSocket, which also works behind proxies
 * that break WebSockets.
 */
export function connectRealtime(auth: RealtimeAuth): RealtimeSocket {
	return io({
		path: '/socket.io',
		auth: { v: PROTOCOL_VERSION, ...auth },
		withCredentials: true,
		reconnection: true,
		reconnectionAttempts: Infinity,
		reconnectionDelay: 1000,
		reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
		// A connection attempt that hangs (silently dropped network) is abandoned and retried.
		timeout: 10_000,
		// A server set to WebSocket only (SOCKET_TRANSPORTS=websocket, behind a balancer without
		// sticky sessions) refuses long-polling; the client then opens the WebSocket directly.
		tryAllTransports: true
	});
}

/**
 * Emits one event and resolves with its ack. No answer within `timeoutMs` resolves to an
 * `unavailable` error ack instead of rejecting, so every caller handles one shape.
 */
export async function emitAck<E extends Event>(socket: RealtimeSocket, event: E, payload: PayloadOf<E>, timeoutMs = 5000): Promise<AckOf<E>> {
	// Socket.IO's typings cannot relate a generic event name to its argument list.
	const s = socket.timeout(timeoutMs) as unknown as { emitWithAck(ev: string, p: unknown): Promise<AckOf<E>> };
	try {
		return await s.emitWithAck(event, payload);
	} catch {
		return { ok: false, error: { code: 'unavailable', message: 'no answer from the server' } } as AckOf<E>;
	}
}

/** The error code a refused handshake carries (`connect_error`), if the server gave one. */
export function handshakeErrorCode(err: Error): ErrorCode | null {
	const data = (err as Error & { data?: { code?: unknown } }).data;
	return typeof data?.code === 'string' ? (data.code as ErrorCode) : null;
}

export type { Ack };
