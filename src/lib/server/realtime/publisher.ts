import type { Server } from 'socket.io';
import type { StageSnapshot } from '../../shared/protocol.ts';
import { rooms } from './rooms.ts';

/**
 * The domain tells the publisher what changed, after the change is committed; the publisher
 * decides how it reaches clients. Domain code never sees a socket.
 */
export interface Publisher {
	stageChanged(snapshot: StageSnapshot): void;
	stageLinkRevoked(sessionId: string): void;
	authSessionEnded(authSessionId: string): void;
}

/** A publisher bound to a Socket.IO server later (the CLI and some tests have none). */
export function lateBoundPublisher(): { publisher: Publisher; bind(io: Server): void } {
	let io: Server | null = null;
	const publisher: Publisher = {
		stageChanged(snapshot) {
			io?.to(rooms.session(snapshot.sessionId)).emit('stage:state', snapshot);
		},
		stageLinkRevoked(sessionId) {
			if (!io) return;
			io.to(rooms.stage(sessionId)).emit('session:revoked');
			io.in(rooms.stage(sessionId)).disconnectSockets(true);
		},
		authSessionEnded(authSessionId) {
			if (!io) return;
			io.to(rooms.authSession(authSessionId)).emit('session:revoked');
			io.in(rooms.authSession(authSessionId)).disconnectSockets(true);
		}
	};
	return { publisher, bind: (server) => void (io = server) };
}
