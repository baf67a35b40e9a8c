import type { PlenumServer } from './context.ts';
import type { ServerToClientEvents } from '../../shared/protocol.ts';
import { benchRecorder } from '../bench-stats.ts';

/**
 * Sockets per event-loop turn. Emitting to 5,000 sockets in one turn held vote acks back to a
 * p99 of 139 ms here; in slices of 500 with a turn between, ack p99 stayed at 27 ms.
 */
export const FAN_OUT_SLICE = 500;

/**
 * Sends one message to this process's sockets in a room, in slices over event-loop turns, so a
 * large broadcast never blocks vote acknowledgements (P8). Each process serves its own sockets.
 */
export async function fanOut<E extends keyof ServerToClientEvents>(
	io: PlenumServer,
	room: string,
	event: E,
	...args: Parameters<ServerToClientEvents[E]>
): Promise<void> {
	const members = io.of('/').adapter.rooms.get(room);
	if (!members || members.size === 0) return;
	const bench = benchRecorder();
	const emit = (target: string | string[], recipients: number) => {
		const t0 = bench ? performance.now() : 0;
		(io.local.to(target) as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args);
		bench?.emitted(performance.now() - t0, recipients);
	};
	if (members.size <= FAN_OUT_SLICE) return emit(room, members.size);
	const ids = [...members];
	for (let i = 0; i < ids.length; i += FAN_OUT_SLICE) {
		const slice = ids.slice(i, i + FAN_OUT_SLICE);
		emit(slice, slice.length);
		await new Promise((r) => setImmediate(r));
	}
}
