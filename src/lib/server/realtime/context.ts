import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';

/** Who is on the other end of a socket; set once at the handshake (RT2) and never changed. */
export type SocketIdentity =
	| { kind: 'staff'; userId: string; authSessionId: string; isAdmin: boolean }
	| { kind: 'audience'; participantId: string; eventId: string; channel: 'room' | 'online' }
	| { kind: 'stage'; sessionId: string; eventId: string };

export interface SocketData {
	who: SocketIdentity;
	/** Sessions this socket watches, for presence bookkeeping on disconnect. */
	watching: Set<string>;
}

export type PlenumServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type PlenumSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
