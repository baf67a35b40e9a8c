/**
 * Polls over real sockets (R3, R6 of quality.md; P1–P4, P8 of docs/SPEC.md): hundreds of real
 * socket.io clients against the real server on an ephemeral port, on SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { client, connected, emitRaw, waitFor, type TestSocket } from '../support/realtime.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import * as polls from '../../src/lib/server/polls/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import type { ResultsSnapshot, Tally } from '../../src/lib/shared/polls.ts';
import type { VoteView } from '../../src/lib/shared/protocol.ts';

const PASSWORD = 'correct horse battery';
let srv: Running;
let origin: string;
let eventId: string;
let sessionId: string;
let ownerId: string;
let staffCookie: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	const config = testConfig();
	srv = await startServer(config);
	origin = config.publicOrigin;
	const d = srv.app.deps;
	ownerId = (await auth.createOwner({ email: 'o@x.de', name: 'O', password: PASSWORD }, d)).id;
	staffCookie = `${STAFF_COOKIE}=${(await auth.login({ email: 'o@x.de', password: PASSWORD, ip: '1' }, d)).token}`;
	eventId = (
		await events.createEvent(
			{ title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2026-06-01' },
			{ userId: ownerId, isAdmin: true },
			d
		)
	).id;
	sessionId = (
		await events.createSession(
			eventId,
			{ kind: 'plenary', title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null },
			ownerId,
			d
		)
	).id;
});

afterAll(async () => {
	for (const s of sockets) s.close();
	await srv.shutdown();
});

async function phones(n: number): Promise<{ socket: TestSocket; participantId: string }[]> {
	const out: { socket: TestSocket; participantId: string }[] = [];
	for (let i = 0; i < n; i += 50) {
		const batch = await Promise.all(
			Array.from({ length: Math.min(50, n - i) }, async (_, j) => {
				const { token, participant } = await joinEvent({ eventId, via: (i + j) % 3 === 0 ? 'online' : 'room' }, srv.app.deps);
				const socket = client(srv.url, { role: 'audience', eventId }, { cookie: `${participantCookieName(eventId)}=${token}`, origin });
				sockets.push(socket);
				await connected(socket);
				expect(await emitRaw(socket, 'session:watch', { sessionId })).toMatchObject({ ok: true });
				return { socket, participantId: participant.id };
			})
		);
		out.push(...batch);
	}
	return out;
}

async function newOpenPoll(question: string) {
	const p = await polls.createPoll(
		sessionId,
		{ kind: 'single', question, options: ['Ja', 'Nein', 'Vielleicht'], allowChange: true, resultsVisibility: 'live', showNames: false },
		ownerId,
		srv.app.deps
	);
	await polls.openPoll(p.id, ownerId, srv.app.deps);
	return p;
}

const total = (t: Tally) => (t.kind === 'single' ? Object.values(t.counts).reduce((a, b) => a + b, 0) : -1);

describe('polls over sockets', () => {
	it('R3/P1/P3: 300 participants each send their vote 1–3 times (repeated and new keys) → stored votes = participants = tally total, on the stage too', async () => {
		const poll = await newOpenPoll('R3?');
		const stage = client(srv.url, { role: 'stage', sessionId, stageToken: await stageTokenFor(sessionId, srv.app.deps) }, { origin });
		sockets.push(stage);
		await connected(stage);
		await emitRaw(stage, 'session:watch', { sessionId });
		let latest: ResultsSnapshot | null = null;
		stage.on('poll:results', (r) => {
			if (r.pollId === poll.id && (!latest || r.seq > latest.seq)) latest = r;
		});

		const people = await phones(300);
		let seed = 7;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const sends: Promise<{ ok: boolean }>[] = [];
		for (const p of people) {
			const times = 1 + Math.floor(rnd() * 3);
			const firstKey = randomUUID();
			for (let k = 0; k < times; k++) {
				// Half the repeats reuse the key (a retry after a lost ack), half are new (a changed vote).
				const key = k === 0 || rnd() < 0.5 ? firstKey : randomUUID();
				sends.push(emitRaw<VoteView>(p.socket, 'poll:vote', { pollId: poll.id, answer: { kind: 'single', optionId: `o${1 + Math.floor(rnd() * 3)}` }, key }));
			}
		}
		const acks = await Promise.all(sends);
		expect(acks.filter((a) => !a.ok)).toEqual([]);

		const stored = await srv.app.deps.db.selectFrom('poll_votes').select('participant_id').where('poll_id', '=', poll.id).execute();
		expect(stored).toHaveLength(300);
		expect(new Set(stored.map((s) => s.participant_id)).size).toBe(300);
		const results = await polls.pollResults(await polls.getPoll(poll.id, srv.app.deps), srv.app.deps);
		expect(results.all.voters).toBe(300);
		expect(total(results.all)).toBe(300);
		expect(results.room.voters + results.online.voters).toBe(300);
		// P8: the stage gets the same numbers on the tick.
		await waitFor(() => latest !== null && latest.all.voters === 300 && total(latest.all) === 300, 5000);
		expect(latest!.all).toEqual(results.all);
	}, 60_000);

	it('R6/P4: 200 votes racing 20 close requests → every close returns the same tally, containing every acknowledged vote; later votes get poll_closed', async () => {
		const poll = await newOpenPoll('R6?');
		const people = await phones(200);
		const staff = client(srv.url, { role: 'staff' }, { cookie: staffCookie, origin });
		sockets.push(staff);
		await connected(staff);
		const acked = new Set<string>();
		const votes = people.map((p, i) =>
			emitRaw<VoteView>(p.socket, 'poll:vote', { pollId: poll.id, answer: { kind: 'single', optionId: `o${(i % 3) + 1}` }, key: randomUUID() }).then((a) => {
				if (a.ok) acked.add(p.participantId);
				else expect(a.error.code).toBe('poll_closed');
			})
		);
		const closes = Array.from({ length: 20 }, (_, i) =>
			new Promise((r) => setTimeout(r, i * 3)).then(() =>
				emitRaw<{ final: { all: Tally } | null }>(staff, 'poll:control', { pollId: poll.id, action: 'close' })
			)
		);
		const [, closeAcks] = await Promise.all([Promise.all(votes), Promise.all(closes)]);
		const finals = closeAcks.map((a) => {
			if (!a.ok) throw new Error(a.error.message);
			return a.data.final;
		});
		for (const f of finals) expect(f).toEqual(finals[0]);
		expect(finals[0]!.all.voters).toBe(acked.size);
		const stored = await srv.app.deps.db.selectFrom('poll_votes').select('participant_id').where('poll_id', '=', poll.id).execute();
		expect(new Set(stored.map((s) => s.participant_id))).toEqual(acked);
		const late = await emitRaw(people[0]!.socket, 'poll:vote', { pollId: poll.id, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() });
		expect(late).toMatchObject({ ok: false, error: { code: 'poll_closed' } });
	}, 60_000);

	it('P7: phones get results only while the audience may see them; staff always', async () => {
		const p = await polls.createPoll(
			sessionId,
			{ kind: 'single', question: 'P7?', options: ['A', 'B'], allowChange: true, resultsVisibility: 'never', showNames: false },
			ownerId,
			srv.app.deps
		);
		await polls.openPoll(p.id, ownerId, srv.app.deps);
		const [phone] = await phones(1);
		const staff = client(srv.url, { role: 'staff' }, { cookie: staffCookie, origin });
		sockets.push(staff);
		await connected(staff);
		await emitRaw(staff, 'session:watch', { sessionId });
		const phoneSaw: ResultsSnapshot[] = [];
		const staffSaw: ResultsSnapshot[] = [];
		phone!.socket.on('poll:results', (r) => phoneSaw.push(r));
		staff.on('poll:results', (r) => staffSaw.push(r));
		const current = await emitRaw<{ poll: { id: string; resultsVisible: boolean } | null; results: unknown }>(phone!.socket, 'poll:current', { sessionId });
		expect(current).toMatchObject({ ok: true, data: { poll: { id: p.id, resultsVisible: false }, results: null } });
		await emitRaw(phone!.socket, 'poll:vote', { pollId: p.id, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() });
		await waitFor(() => staffSaw.some((r) => r.pollId === p.id && r.all.voters === 1));
		expect(phoneSaw.filter((r) => r.pollId === p.id)).toEqual([]);
		await emitRaw(staff, 'poll:control', { pollId: p.id, action: 'reveal' });
		await emitRaw(phone!.socket, 'poll:vote', { pollId: p.id, answer: { kind: 'single', optionId: 'o2' }, key: randomUUID() });
		await waitFor(() => phoneSaw.some((r) => r.pollId === p.id));
	});

	it('AC3: phones cannot control polls; the stage cannot vote', async () => {
		const p = await newOpenPoll('AC3?');
		const [phone] = await phones(1);
		expect(await emitRaw(phone!.socket, 'poll:control', { pollId: p.id, action: 'close' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const stage = client(srv.url, { role: 'stage', sessionId, stageToken: await stageTokenFor(sessionId, srv.app.deps) }, { origin });
		sockets.push(stage);
		await connected(stage);
		expect(await emitRaw(stage, 'poll:vote', { pollId: p.id, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() })).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		expect((await polls.getPoll(p.id, srv.app.deps)).state).toBe('open');
	});
});

describe('poll state messages', () => {
	it('S3: phones never receive a draft poll; staff do', async () => {
		const [phone] = await phones(1);
		const staff = client(srv.url, { role: 'staff' }, { cookie: staffCookie, origin });
		sockets.push(staff);
		await connected(staff);
		await emitRaw(staff, 'session:watch', { sessionId });
		const phoneSaw: unknown[] = [];
		const staffSaw: { poll: { question: string } | null }[] = [];
		phone!.socket.on('poll:state', (m) => phoneSaw.push(m.poll));
		staff.on('poll:state', (m) => staffSaw.push(m));
		const draft = await polls.createPoll(
			sessionId,
			{ kind: 'single', question: 'Geheimer Entwurf', options: ['A', 'B'], allowChange: true, resultsVisibility: 'live', showNames: false },
			ownerId,
			srv.app.deps
		);
		await waitFor(() => staffSaw.some((m) => m.poll?.question === 'Geheimer Entwurf'));
		expect(JSON.stringify(phoneSaw)).not.toContain('Geheimer Entwurf');
		await polls.openPoll(draft.id, ownerId, srv.app.deps);
		await waitFor(() => JSON.stringify(phoneSaw).includes('Geheimer Entwurf'));
	});
	it('issue 7: results ticks are not kept for replay, yet a phone whose connection drops is recovered (and fetches afresh, RT6)', async () => {
		const poll = await newOpenPoll('Recovery?');
		const [p] = await phones(1);
		const got: ResultsSnapshot[] = [];
		p!.socket.on('poll:results', (r) => got.push(r));
		expect(await emitRaw(p!.socket, 'poll:vote', { pollId: poll.id, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() })).toMatchObject({
			ok: true
		});
		await waitFor(() => got.some((r) => r.pollId === poll.id && r.all.voters === 1));
		// One-process mode keeps what recovery needs (an offset per socket), not every tick (24 MB a minute at 5,000 phones).
		const kept = (srv.io.of('/').adapter as unknown as { packets: { data: unknown[] }[] }).packets.map((x) => x.data[0]);
		expect(kept).toContain('sys:hello');
		expect(kept).not.toContain('poll:results');
		p!.socket.io.engine.close();
		await waitFor(() => !p!.socket.connected);
		p!.socket.connect();
		await connected(p!.socket);
		expect(p!.socket.recovered).toBe(true);
	});
});
