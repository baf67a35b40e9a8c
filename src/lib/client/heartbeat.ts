import type { RealtimeSocket } from './socket.ts';

export interface HeartbeatOptions {
	/** How often to ask the server for a sign of life. */
	intervalMs: number;
	/** How long one ping may take before it counts as failed. */
	timeoutMs: number;
	/** Consecutive failed pings that mean "connection lost". */
	failuresToLose: number;
	/** Time without any answer that also means "connection lost" (bounds detection time). */
	silenceToLoseMs: number;
	/**
	 * Time without any answer after which the socket is closed and opened anew: a connection that
	 * died silently (Wi-Fi roam, NAT timeout) would otherwise wait ~45 s for Socket.IO's own
	 * ping timeout before reconnecting.
	 */
	reconnectAfterMs: number;
	onLost(): void;
	onRestored(): void;
}

/**
 * Application-level heartbeat. Socket.IO notices a silently dropped network only after its own
 * ping timeout (25 s + 20 s); a stage screen must show "connection lost" within 5 s (D6). So the
 * client pings (`sys:ping`) and declares the link lost after `failuresToLose` unanswered pings or
 * `silenceToLoseMs` without an answer, whichever comes first, and restored at the next answer.
 * The socket is not closed at once on a lost heartbeat: when the network returns within
 * `reconnectAfterMs`, the still-open connection resumes at once, which is faster than a fresh
 * connect; after that it is replaced. A real disconnect is the socket's own 'disconnect' event;
 * the caller handles that.
 */
export function startHeartbeat(socket: RealtimeSocket, opts: HeartbeatOptions): () => void {
	let failures = 0;
	let lastAnswer = Date.now();
	let lost = false;

	const evaluate = () => {
		if (!socket.connected) return;
		const silence = Date.now() - lastAnswer;
		if (silence > opts.reconnectAfterMs) {
			failures = 0;
			lastAnswer = Date.now();
			socket.disconnect();
			socket.connect();
			return;
		}
		const shouldBeLost = failures >= opts.failuresToLose || silence > opts.silenceToLoseMs;
		if (shouldBeLost && !lost) {
			lost = true;
			opts.onLost();
		} else if (!shouldBeLost && lost) {
			lost = false;
			opts.onRestored();
		}
	};

	const onConnect = () => {
		// A fresh connection starts a fresh count; the caller re-watches on connect itself.
		failures = 0;
		lastAnswer = Date.now();
		lost = false;
	};
	socket.on('connect', onConnect);

	const timer = setInterval(() => {
		if (!socket.connected) return;
		socket.timeout(opts.timeoutMs).emit('sys:ping', {}, (err) => {
			if (err) failures++;
			else {
				failures = 0;
				lastAnswer = Date.now();
			}
			evaluate();
		});
		evaluate();
	}, opts.intervalMs);

	// Silence is checked more often than pings are sent, so detection does not wait for a tick.
	const watchdog = setInterval(evaluate, 250);

	return () => {
		clearInterval(timer);
		clearInterval(watchdog);
		socket.off('connect', onConnect);
	};
}

/** The stage screen's setting: ping every 1.5 s, 2 s timeout, lost after two misses or 4 s of silence, a new connection after 10 s. */
export const STAGE_HEARTBEAT = { intervalMs: 1500, timeoutMs: 2000, failuresToLose: 2, silenceToLoseMs: 4000, reconnectAfterMs: 10_000 } as const;
