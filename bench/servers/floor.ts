/**
 * The raw-WebSocket floor of the benchmark (quality.md §1, issue 7): what a live poll costs with
 * nothing but the `ws` package — no Socket.IO framing, rooms or acks machinery. Nothing built on
 * WebSockets in Node can broadcast for less, so it shows how much of the baseline's and Plenum's
 * cost is the transport itself. Same tick (250 ms), same 16 KiB message limit, no compression.
 *
 *   PORT=3000 [HOST=127.0.0.1] node --expose-gc bench/servers/floor.ts   → prints `ready 3000`
 *
 * Client → server: JSON {type: 'vote', option, key, id} → {type: 'ack', id, seq}, seq being the
 * vote's number (a repeated key answers its first seq and counts once); an invalid message gets
 * {type: 'ack', id, error: 'invalid_payload'}. Every 250 ms, when a vote arrived since the last tick,
 * one JSON string {type: 'results', seq, t, voters, counts} is serialised once and sent to every
 * open client; seq is a hybrid clock max(last + 1, now) like Plenum's, t the send time (ms since the
 * epoch). `GET /__bench/stats[?gc=1]` and `POST /__bench/reset` come from src/lib/server/bench-stats.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import { benchRecorder, enableBenchStats } from '../../src/lib/server/bench-stats.ts';
import { MAX_MESSAGE_BYTES, TICK_MS, Tally, listenAddress, parseVote } from './tally.ts';

const { port, host } = listenAddress();
const tally = new Tally();

/** The reply to one client message. */
function answer(text: string): string {
	let msg: unknown;
	try {
		msg = JSON.parse(text);
	} catch {
		return JSON.stringify({ type: 'ack', id: null, error: 'invalid_payload' });
	}
	const { type, option, key, id } = (typeof msg === 'object' && msg !== null ? msg : {}) as Record<string, unknown>;
	const replyId = typeof id === 'number' || typeof id === 'string' ? id : null;
	const vote = type === 'vote' ? parseVote(option, key) : null;
	if (!vote) return JSON.stringify({ type: 'ack', id: replyId, error: 'invalid_payload' });
	return JSON.stringify({ type: 'ack', id: replyId, seq: tally.cast(vote.option, vote.key) });
}

const http = createServer((req, res) => {
	if (!benchRoutes(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
});
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: MAX_MESSAGE_BYTES });
const benchRoutes = enableBenchStats(() => wss.clients.size);
const recorder = benchRecorder();
if (!recorder) throw new Error('bench-stats did not turn recording on');

wss.on('connection', (ws) => {
	// ws closes the connection itself after a protocol error (e.g. a frame over maxPayload); an
	// 'error' event without a listener would end the process instead.
	ws.on('error', () => undefined);
	ws.on('message', (data, isBinary) => ws.send(answer(isBinary ? '' : data.toString())));
});

setInterval(() => {
	const results = tally.takeTick();
	if (!results) return;
	// Serialising is inside the timed part, as Socket.IO's emit encodes inside its call.
	const t0 = performance.now();
	const message = JSON.stringify({ type: 'results', ...results });
	let recipients = 0;
	for (const client of wss.clients) {
		if (client.readyState !== WebSocket.OPEN) continue;
		client.send(message);
		recipients++;
	}
	recorder.emitted(performance.now() - t0, recipients);
	recorder.tickEnd();
}, TICK_MS);

// ws forwards the HTTP server's errors (a port in use) as its own.
wss.on('error', (e) => {
	console.error(`floor: cannot listen on ${host}:${port}: ${e.message}`);
	process.exit(1);
});
http.listen(port, host, () => console.log(`ready ${(http.address() as AddressInfo).port}`));
