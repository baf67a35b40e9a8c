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
import { INVALID_VOTE, MAX_MESSAGE_BYTES, TICK_MS, Tally, listenAddress, parseVote } from './tally.ts';

const { port, host } = listenAddress();
const tally = new Tally();

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
		const { option, key } = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
		const vote = parseVote(option, key);
		if (!vote) return void ack({ ok: false, error: { code: 'invalid_payload', message: INVALID_VOTE } });
		ack({ ok: true, data: { seq: tally.cast(vote.option, vote.key) } });
	});
});

setInterval(() => {
	const results = tally.takeTick();
	if (!results) return;
	const recipients = io.of('/').adapter.rooms.get('all')?.size ?? 0;
	const t0 = performance.now();
	io.to('all').emit('results', results);
	recorder.emitted(performance.now() - t0, recipients);
	recorder.tickEnd();
}, TICK_MS);

http.on('error', (e) => {
	console.error(`baseline: cannot listen on ${host}:${port}: ${e.message}`);
	process.exit(1);
});
http.listen(port, host, () => console.log(`ready ${(http.address() as AddressInfo).port}`));
