import { isNewer } from '#lib/shared/stage.ts';
import type { PresenceCounts, StageSnapshot } from '#lib/shared/protocol.ts';
import { connectRealtime, emitAck, handshakeErrorCode, type RealtimeAuth, type RealtimeSocket } from './socket.ts';
import { startHeartbeat, type HeartbeatOptions } from './heartbeat.ts';

/**
 * - connecting: first connection not made yet
 * - connected: watching the session, snapshot current
 * - reconnecting: the link was lost (disconnect or failed heartbeat); retrying by itself
 * - revoked: the server withdrew this view's right (new stage link, staff logged out)
 * - refused: the handshake or the watch was refused (invalid stage link, no participant cookie, no access)
 * - outdated: the server speaks a newer protocol; the page must be reloaded
 */
export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'revoked' | 'refused' | 'outdated';

const TERMINAL: readonly LinkStatus[] = ['revoked', 'refused', 'outdated'];
/** After a refused-for-now handshake (e.g. the server is starting), try again after this. */
const RETRY_MS = 3000;

export interface LiveSessionOptions {
	auth: RealtimeAuth;
	sessionId: string;
	/** The snapshot rendered on the server, so the first paint is already right. */
	initialStage?: StageSnapshot | null;
	initialPresence?: PresenceCounts | null;
	/** Application-level heartbeat (stage screen): detects a silently dropped network quickly. */
	heartbeat?: Omit<HeartbeatOptions, 'onLost' | 'onRestored'>;
}

/**
 * A feature that rides on a session's one socket (polls today; Q&A and boards later) instead of
 * opening a second socket layer. Register it with `use()`, before or after `start()`.
 */
export interface LiveExtension {
	/** Adds the feature's listeners once the socket exists; returns what removes them. */
	attach?(socket: RealtimeSocket): () => void;
	/** Runs after every successful (re)watch: the moment to fetch snapshots again (rule 6: never stale). */
	watched?(socket: RealtimeSocket): void;
}

/**
 * One realtime view of one session: opens the socket, re-watches after EVERY (re)connect and
 * after a recovered heartbeat (rule 6: never stale), keeps the newest stage snapshot (ST2: an
 * older version never replaces a newer one) and the presence counts, and exposes the link
 * status as reactive state. Browser only: call `start()` from an `$effect` and run the returned
 * cleanup when the component goes away.
 */
export class LiveSession {
	status = $state<LinkStatus>('connecting');
	stage = $state.raw<StageSnapshot | null>(null);
	presence = $state.raw<PresenceCounts | null>(null);
	#socket: RealtimeSocket | null = null;
	readonly #opts: LiveSessionOptions;
	#timers: ReturnType<typeof setTimeout>[] = [];
	/** Registered features and, while the socket exists, what detaches each (plain lists: not state). */
	#extensions: LiveExtension[] = [];
	#detach: { ext: LiveExtension; undo: () => void }[] = [];

	constructor(opts: LiveSessionOptions) {
		this.#opts = opts;
		this.stage = opts.initialStage ?? null;
		this.presence = opts.initialPresence ?? null;
	}

	get socket(): RealtimeSocket | null {
		return this.#socket;
	}

	get terminal(): boolean {
		return TERMINAL.includes(this.status);
	}

	/** Applies a snapshot unless it is older than (or as old as) the one shown. */
	applyStage(s: StageSnapshot): void {
		if (s.sessionId === this.#opts.sessionId && isNewer(s, this.stage)) this.stage = s;
	}

	/**
	 * Adds a feature to this view's socket. Registered after the start, it is attached at once and,
	 * when the session is already watched, told so. Returns what removes it again.
	 */
	use(ext: LiveExtension): () => void {
		this.#extensions.push(ext);
		const socket = this.#socket;
		if (socket) {
			this.#attach(ext, socket);
			if (this.status === 'connected') ext.watched?.(socket);
		}
		return () => {
			this.#extensions = this.#extensions.filter((e) => e !== ext);
			for (const d of this.#detach) if (d.ext === ext) d.undo();
			this.#detach = this.#detach.filter((d) => d.ext !== ext);
		};
	}

	#attach(ext: LiveExtension, socket: RealtimeSocket): void {
		if (ext.attach) this.#detach.push({ ext, undo: ext.attach(socket) });
	}

	start(): () => void {
		const socket = connectRealtime(this.#opts.auth);
		this.#socket = socket;
		for (const ext of this.#extensions) this.#attach(ext, socket);

		socket.on('connect', () => void this.watch());
		socket.on('disconnect', (reason) => {
			if (this.terminal) return;
			// The server closed us on purpose without revoking (that arrives first, as 'session:revoked',
			// and is final): Socket.IO does not retry by itself here, so ask again after a pause.
			if (reason === 'io server disconnect') this.#later(() => socket.connect(), RETRY_MS);
			this.status = 'reconnecting';
		});
		socket.on('connect_error', (err) => {
			if (this.terminal) return;
			const code = handshakeErrorCode(err);
			if (code === 'unauthenticated' || code === 'forbidden') return this.#end('refused');
			if (code === 'protocol_mismatch') return this.#end('outdated');
			if (this.status === 'connected') this.status = 'reconnecting';
			// A middleware refusal stops Socket.IO's own retries; transport errors do not.
			if (!socket.active) this.#later(() => socket.connect(), RETRY_MS);
		});
		socket.on('stage:state', (s) => this.applyStage(s));
		socket.on('presence:counts', (p) => {
			if (p.sessionId === this.#opts.sessionId) this.presence = p;
		});
		socket.on('session:revoked', () => this.#end('revoked'));

		// The browser learns of a lost network long before Socket.IO's ping timeout (~45 s): say so at
		// once, and re-watch as soon as it is back (a socket that survived resumes without reconnecting).
		const onOffline = () => {
			if (!this.terminal && this.status === 'connected') this.status = 'reconnecting';
		};
		const onOnline = () => {
			if (!this.terminal && socket.connected) void this.watch();
		};
		addEventListener('offline', onOffline);
		addEventListener('online', onOnline);

		const stopHeartbeat = this.#opts.heartbeat
			? startHeartbeat(socket, {
					...this.#opts.heartbeat,
					onLost: () => {
						if (!this.terminal) this.status = 'reconnecting';
					},
					onRestored: () => void this.watch()
				})
			: () => {};

		return () => {
			removeEventListener('offline', onOffline);
			removeEventListener('online', onOnline);
			stopHeartbeat();
			for (const d of this.#detach) d.undo();
			this.#detach = [];
			for (const t of this.#timers) clearTimeout(t);
			this.#timers = [];
			socket.removeAllListeners();
			socket.disconnect();
			this.#socket = null;
		};
	}

	/** (Re-)watches the session and takes the current snapshot from the ack. */
	async watch(): Promise<void> {
		const socket = this.#socket;
		if (!socket || this.terminal) return;
		const ack = await emitAck(socket, 'session:watch', { sessionId: this.#opts.sessionId });
		if (this.terminal || socket !== this.#socket) return;
		if (ack.ok) {
			this.applyStage(ack.data.stage);
			this.presence = ack.data.presence;
			this.status = 'connected';
			for (const ext of this.#extensions) ext.watched?.(socket);
		} else if (ack.error.code === 'not_found' || ack.error.code === 'forbidden') {
			this.#end('refused');
		} else {
			this.status = 'reconnecting';
			this.#later(() => {
				if (socket.connected) void this.watch();
			}, RETRY_MS);
		}
	}

	/** Fetches the current stage snapshot (e.g. after a `stale_version` answer). */
	async refreshStage(): Promise<void> {
		const socket = this.#socket;
		if (!socket) return;
		const ack = await emitAck(socket, 'stage:get', { sessionId: this.#opts.sessionId });
		if (ack.ok) this.applyStage(ack.data);
	}

	#end(status: LinkStatus): void {
		this.status = status;
		this.#socket?.disconnect();
	}

	#later(fn: () => void, ms: number): void {
		const t = setTimeout(() => {
			this.#timers = this.#timers.filter((x) => x !== t);
			fn();
		}, ms);
		this.#timers.push(t);
	}
}
