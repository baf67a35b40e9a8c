import type { ReportBack } from '#lib/shared/boards.ts';
import type { LiveSession } from '#lib/client/live-session.svelte.ts';
import { emitAck, type RealtimeSocket } from '#lib/client/socket.ts';

/**
 * The workshop report-back the stage shows (B10), on the stage's socket: fetched with
 * 'report:watch' (which also joins its room), fetched again on every 'report:changed' and after
 * every re-watch. The owner decides which workshop (`follow`).
 */
export class ReportFollower {
	report = $state.raw<ReportBack | null>(null);
	/** The workshop is gone, or of another event: the stage falls back to the join screen. */
	gone = $state(false);
	#sessionId: string | null = null;
	#socket: RealtimeSocket | null = null;
	/** Only the newest answer counts when several fetches overlap. */
	#asked = 0;
	readonly #live: LiveSession;

	/** `seed`: the report-back rendered on the server, so the first paint already shows it. */
	constructor(live: LiveSession, seed?: ReportBack | null) {
		this.#live = live;
		if (seed) {
			this.#sessionId = seed.sessionId;
			this.report = seed;
		}
	}

	/** Registers with the session's socket; returns what unregisters. */
	start(): () => void {
		return this.#live.use({
			attach: (socket) => {
				this.#socket = socket;
				const onChanged = (m: { sessionId: string }) => {
					if (m.sessionId === this.#sessionId) void this.refresh();
				};
				socket.on('report:changed', onChanged);
				return () => {
					socket.off('report:changed', onChanged);
					this.#socket = null;
				};
			},
			watched: () => void this.refresh()
		});
	}

	/** Follows another workshop's report-back (or none). */
	follow(sessionId: string | null): void {
		if (sessionId === this.#sessionId) return;
		this.#sessionId = sessionId;
		this.#asked++;
		this.report = null;
		this.gone = false;
		if (sessionId) void this.refresh();
	}

	async refresh(): Promise<void> {
		const socket = this.#socket;
		const sessionId = this.#sessionId;
		if (!socket?.connected || !sessionId) return;
		const asked = ++this.#asked;
		const ack = await emitAck(socket, 'report:watch', { sessionId });
		if (asked !== this.#asked) return;
		if (ack.ok) {
			this.report = ack.data;
			this.gone = false;
		} else if (ack.error.code === 'not_found') {
			this.report = null;
			this.gone = true;
		}
	}
}
