import type { ConnectSpec, LoadStep, SwarmStatus } from './types.ts';
import type { SampleSet } from './percentiles.ts';

/**
 * The messages between swarm.ts (main thread) and worker.ts. Each request carries an id; the
 * worker answers it once, with the result or an error message, so a failing worker rejects the
 * caller's promise instead of hanging it.
 */

/** What each worker is started with. */
export interface WorkerInit {
	index: number;
	seed: number;
}

/** Open this worker's share of a ConnectSpec: spec indices `indices[k]`, attempt k due at `startAt + indices[k] * intervalMs`. */
export interface ConnectRequest {
	type: 'connect';
	spec: Omit<ConnectSpec, 'clients' | 'ratePerSec' | 'plenum'> & { plenum?: { origin: string; eventId: string; sessionId: string } };
	indices: number[];
	/** Cookie for each entry of `indices` (Plenum only). */
	cookies: string[];
	startAt: number;
	intervalMs: number;
}

/** Send `count` votes: vote k due at `startAt + phaseMs + k * intervalMs`; count receipts with payload time ≥ startAt. */
export interface VotesRequest {
	type: 'votes';
	step: LoadStep;
	count: number;
	startAt: number;
	intervalMs: number;
	phaseMs: number;
}

/** Stop counting receipts; report those whose payload time lies in [fromTime, toTime]. */
export interface CollectRequest {
	type: 'collect';
	fromTime: number;
	toTime: number;
}

export type WorkerRequest =
	{ type: 'ping' } | ConnectRequest | { type: 'prepare' } | VotesRequest | CollectRequest | { type: 'disconnect' } | { type: 'status' };

export interface ConnectResult {
	opened: number;
	failed: number;
	connect: SampleSet;
	elu: number;
	errors: string[];
}

export interface VotesResult {
	sent: number;
	acked: number;
	failedAcks: number;
	ack: SampleSet;
	elu: number;
	/** Wall-clock end of the vote phase (ms since the epoch). */
	endedAt: number;
}

export interface CollectResult {
	received: number;
	/** Distinct seqs received in the window. */
	seqs: number[];
	broadcast: SampleSet;
}

/** The result type for each request type. */
export interface WorkerResults {
	ping: null;
	connect: ConnectResult;
	/** Clients connected now; resets per-client receipt state for the coming step. */
	prepare: { connected: number };
	votes: VotesResult;
	collect: CollectResult;
	disconnect: null;
	status: SwarmStatus;
}

export interface RequestEnvelope {
	id: number;
	req: WorkerRequest;
}

export type ReplyEnvelope = { id: number; ok: true; result: WorkerResults[keyof WorkerResults] } | { id: number; ok: false; error: string };
