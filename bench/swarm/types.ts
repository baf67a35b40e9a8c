/**
 * The load generator's public contract (issue 7, bench-context.md): what `Swarm` is asked to do
 * and what it reports. Kept apart from swarm.ts so the worker threads share the same types
 * without loading the main-thread code.
 */

/** Which server the clients talk to: Plenum itself, the Socket.IO baseline or the raw `ws` floor. */
export type Target = 'plenum' | 'baseline' | 'floor';

/** Opens `clients` connections, spread round-robin over the workers. */
export interface ConnectSpec {
	target: Target;
	/** The server's address, e.g. `http://127.0.0.1:3000` (the floor client turns http into ws). */
	url: string;
	clients: number;
	/** Connection attempts per second over all workers; all at once when left out. */
	ratePerSec?: number;
	/** Plenum only: client i sends `cookies[i]` and `origin`, authenticates as audience of `eventId` and watches `sessionId`. */
	plenum?: { origin: string; cookies: string[]; eventId: string; sessionId: string };
	/** Socket.IO targets only: reconnect automatically (P6); Plenum clients watch the session again on every reconnect. */
	reconnect?: boolean;
}

/** One load step on the connected clients. */
export interface LoadStep {
	kind: 'votes';
	/** Votes per second over all clients, spread evenly over the step; each from a random connected client. */
	perSecond: number;
	durationMs: number;
	/** Plenum only: the poll voted on (and whose `poll:results` are counted). */
	pollId?: string;
	/** Options 0 … options-1 are chosen at random (Plenum: option ids `o1` … `o<options>`). */
	options: number;
	/** Share (0–1) of votes that repeat the client's previous idempotency key. */
	repeatKeyShare?: number;
}

/** Nearest-rank percentiles and the exact maximum, in ms; all 0 when nothing was measured. */
export interface Percentiles {
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export interface ConnectReport {
	opened: number;
	failed: number;
	/** Start of the attempt → 'connect' (Socket.IO) or 'open' (ws), over the opened clients. */
	connectMs: Percentiles;
	/** First attempt scheduled → last attempt settled. */
	durationMs: number;
	/** Max over workers of event-loop utilisation (0–1) during the connect phase. */
	busy: number;
	/** Up to five distinct reasons why connections failed, for the log. */
	errors: string[];
}

export interface LoadReport {
	sent: number;
	acked: number;
	/** Refused (ok: false), not answered within 10 s, lost with their connection, or not sendable (no client connected). */
	failedAcks: number;
	/** Send → ack. */
	ackMs: Percentiles;
	/** Receipt (Date.now()) − payload time (Plenum: seq; others: t), over every results message received in the step. */
	broadcastMs: Percentiles;
	/** Results messages received, one per client and seq. */
	received: number;
	/** Distinct seqs sent during the step and seen by any client × clients connected at the step's start. */
	expectedDeliveries: number;
	deliveryRatio: number;
	/** Max over workers of event-loop utilisation (0–1) during the vote phase. */
	busy: number;
	/** Step start → last vote settled (at least the step's durationMs). */
	durationMs: number;
}

/** Extension beyond the contract: how many clients are connected now (P6 polls this while the server restarts). */
export interface SwarmStatus {
	clients: number;
	connected: number;
}
