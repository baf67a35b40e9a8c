/**
 * The Socket.IO baseline of the benchmark (quality.md §1, issue 7): the least a Socket.IO 4.8
 * server does for a live poll — one room, a vote with an ack, a tally sent on a 250 ms tick — with
 * Plenum's transport settings (no compression, 16 KiB message limit, WebSocket and long-polling).
 * Plenum's figures are divided by this server's, so it stays this bare: no authentication, no
 * database, no origin check, no connection state recovery, one emit per tick.
 *
 *   PORT=3000 [HOST=127.0.0.1] node --expose-gc bench/servers/baseline.ts   → prints `ready 3000`
 *
 * Every socket joins room 'all'. `vote` {option, key} with an ack → {ok: true, data: {seq}}, seq
 * being the vote's number (a repeated key answers its first seq and counts once). Every 250 ms,
 * when a vote arrived since the last tick: `results` {seq, t, voters, counts} to the room, seq a
 * hybrid clock max(last + 1, now) like Plenum's and t the send time (ms since the epoch).
 * `GET /__bench/stats[?gc=1]` and `POST /__bench/reset` come from src/lib/server/bench-stats.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { benchRecorder, enableBenchStats } from '../../src/lib/server/bench-stats.ts';

// Plenum's RESULTS_TICK_MS (realtime/poll-feed.ts) and MAX_MESSAGE_BYTES (realtime/attach.ts),
// copied: importing them would load Plenum's realtime modules into the yardstick's heap.
const TICK_MS = 250;
const MAX_MESSAGE_BYTES = 16 * 1024;
/** Bounds on a vote, so a stray payload cannot grow the tally without limit. */
const MAX_OPTIONS = 64;
const MAX_KEY_LENGTH = 64;

const port = Number(process.env.PORT);
if (!process.env.PORT || !Number.isInteger(port) || port < 0 || port > 65535)
	throw new Error(`PORT must be a port number, got ${process.env.PORT ?? 'nothing'}`);
const host = process.env.HOST || '127.0.0.1';

const seqByKey = new Map<string, number>();
const counts: Record<number, number> = {};
let dirty = false;
let lastSeq = 0;

/** Counts a vote once per key; answers the vote's number. */
function cast(option: number, key: string): number {
	const seen = seqByKey.get(key);
	if (seen !== undefined) return seen;
	const seq = seqByKey.size + 1;
	seqByKey.set(key, seq);
	counts[option] = (counts[option] ?? 0) + 1;
	dirty = true;
	return seq;
}

function parseVote(payload: unknown): { option: number; key: string } | null {
	if (typeof payload !== 'object' || payload === null) return null;
	const { option, key } = payload as Record<string, unknown>;
	if (typeof option !== 'number' || !Number.isInteger(option) || option < 0 || option >= MAX_OPTIONS) return null;
	if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return null;
	return { option, key };
}

const http = createServer((req, res) => {
	if (!benchRoutes(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
});
const io = new Server(http, {
	transports: ['polling', 'websocket'],
	serveClient: false,
	maxHttpBufferSize: MAX_MESSAGE_BYTES,
	perMessageDeflate: false,
	httpCompression: false
});
const benchRoutes = enableBenchStats(() => io.engine.clientsCount);
const recorder = benchRecorder();
if (!recorder) throw new Error('bench-stats did not turn recording on');

io.on('connection', (socket) => {
	void socket.join('all');
	socket.on('vote', (payload: unknown, ack: unknown) => {
		if (typeof ack !== 'function') return;
		const vote = parseVote(payload);
		if (!vote)
			return void ack({
				ok: false,
				error: { code: 'invalid_payload', message: `option 0–${MAX_OPTIONS - 1} and key of 1–${MAX_KEY_LENGTH} characters required` }
			});
		ack({ ok: true, data: { seq: cast(vote.option, vote.key) } });
	});
});

setInterval(() => {
	if (!dirty) return;
	dirty = false;
	const t = Date.now();
	const seq = (lastSeq = Math.max(lastSeq + 1, t));
	const recipients = io.of('/').adapter.rooms.get('all')?.size ?? 0;
	const t0 = performance.now();
	io.to('all').emit('results', { seq, t, voters: seqByKey.size, counts });
	recorder.emitted(performance.now() - t0, recipients);
	recorder.tickEnd();
}, TICK_MS);

http.on('error', (e) => {
	console.error(`baseline: cannot listen on ${host}:${port}: ${e.message}`);
	process.exit(1);
});
http.listen(port, host, () => console.log(`ready ${(http.address() as AddressInfo).port}`));
