import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '../../src/lib/shared/protocol.ts';
import type { Ack } from '../../src/lib/shared/result.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client connection, as a browser at `origin` would open it. */
export function client(
	url: string,
	auth: Omit<HandshakeAuth, 'v'> & { v?: number },
	opts: { cookie?: string; origin?: string; transport?: 'polling' | 'websocket' } = {}
): TestSocket {
	const headers: Record<string, string> = {};
	if (opts.cookie) headers.cookie = opts.cookie;
	if (opts.origin) headers.origin = opts.origin;
	return connect(url, {
		auth: { v: PROTOCOL_VERSION, ...auth },
		extraHeaders: headers,
		transports: [opts.transport ?? 'websocket'],
		reconnection: false,
		forceNew: true
	});
}

/** Resolves on connect, rejects with the server's refusal (its `data.code`, if any). */
export function connected(s: TestSocket): Promise<void> {
	return new Promise((resolve, reject) => {
		s.once('connect', () => resolve());
		s.once('connect_error', (e: Error & { data?: { code?: string } }) => reject(Object.assign(new Error(e.message), { code: e.data?.code ?? e.message })));
	});
}

/** Emits with an ack and a timeout; the raw variant sends any payload, even one the types forbid. */
export function emitRaw<T>(s: TestSocket, event: string, ...args: unknown[]): Promise<Ack<T>> {
	return (s.timeout(2000) as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<Ack<T>> }).emitWithAck(event, ...args);
}

export function next<T>(s: TestSocket, event: keyof ServerToClientEvents, timeoutMs = 3000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
		(s as unknown as { once(e: string, fn: (v: T) => void): void }).once(event, (v: T) => {
			clearTimeout(timer);
			resolve(v);
		});
	});
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error('condition not met in time');
}
