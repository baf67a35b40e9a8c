/**
 * S4 and S5 of quality.md: every inbound socket event fuzzed with fast-check (wrong types, deep
 * nesting, huge strings, `__proto__` and `constructor` keys, no ack) from an audience phone, a
 * moderator and a stage screen; then malformed Socket.IO frames from a raw websocket. The real
 * server in this process, real SQLite, real socket.io-client and `ws` connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { client, connected, emitRaw, type TestSocket } from '../support/realtime.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import { inbound, type InboundEvent } from '../../src/lib/shared/protocol.ts';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol-version.ts';

let srv: Running;
let origin: string;
let sessionId: string;
let phoneEventId: string;
let phoneCookie: string;
const sockets: Record<'audience' | 'staff' | 'stage', TestSocket> = {} as never;
const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);
const prototypeKeys = () => [Object.getOwnPropertyNames(Object.prototype).sort().join(), Object.getOwnPropertyNames(Array.prototype).sort().join()];
let protoBefore: string[];

beforeAll(async () => {
	process.on('unhandledRejection', onRejection);
	protoBefore = prototypeKeys();
	const config = testConfig();
	srv = await startServer(config);
	origin = config.publicOrigin;
	const d = srv.app.deps;
	const owner = await auth.createOwner({ email: 'o@x.de', name: 'O', password: 'correct horse battery' }, d);
	const login = await auth.login({ email: 'o@x.de', password: 'correct horse battery', ip: '1' }, d);
	const ev = await events.createEvent(
		{ title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2026-06-01' },
		{ userId: owner.id, isAdmin: true },
		d
	);
	sessionId = (
		await events.createSession(
			ev.id,
			{ kind: 'plenary', title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null },
			owner.id,
			d
		)
	).id;
	const { token } = await joinEvent({ eventId: ev.id, via: 'room' }, d);
	phoneEventId = ev.id;
	phoneCookie = `${participantCookieName(ev.id)}=${token}`;
	sockets.audience = client(srv.url, { role: 'audience', eventId: ev.id }, { cookie: phoneCookie, origin });
	sockets.staff = client(srv.url, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=${login.token}`, origin });
	sockets.stage = client(srv.url, { role: 'stage', sessionId, stageToken: await stageTokenFor(sessionId, d) }, { origin });
	for (const s of Object.values(sockets)) await connected(s);
});

afterAll(async () => {
	for (const s of Object.values(sockets)) s.close();
	await srv.shutdown();
	process.off('unhandledRejection', onRejection);
});

/** Anything a hostile client can put in JSON, including keys that pollute prototypes when merged carelessly. */
const hostileKey = fc.constantFrom(
	'__proto__',
	'constructor',
	'prototype',
	'sessionId',
	'pollId',
	'questionId',
	'boardId',
	'key',
	'answer',
	'state',
	'toString'
);
const hostile = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constantFrom(
			null,
			true,
			false,
			0,
			-1,
			1e308,
			Number.MAX_SAFE_INTEGER,
			'',
			'x'.repeat(10_000),
			'\u0000',
			'<script>',
			'00000000-0000-0000-0000-000000000000'
		),
		fc.string({ maxLength: 50 }),
		fc.integer(),
		fc.double(),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 })
	)
})).value;
/** 1,500 levels of nesting (9 KB, under the 16 KB frame limit): a validator that recursed without bound would blow the stack. */
const deep = (() => {
	let v: unknown = { sessionId: 'x' };
	for (let i = 0; i < 1500; i++) v = { a: v };
	return v;
})();

const EVENTS = Object.keys(inbound) as InboundEvent[];

describe('payload fuzzing (S4)', () => {
	it('S4: every event from every role, with hostile payloads: an answer within a second, nothing unhandled, prototypes untouched', async () => {
		for (const [role, s] of Object.entries(sockets)) {
			for (const event of EVENTS) {
				await fc.assert(
					fc.asyncProperty(hostile, async (payload) => {
						const t0 = Date.now();
						const ack = await emitRaw(s, event, payload);
						expect(Date.now() - t0, `${role} ${event}`).toBeLessThan(1000);
						// A hostile payload is refused with a code (almost always invalid_payload); the rare valid one gets an answer too.
						if (!ack.ok) expect(typeof ack.error.code).toBe('string');
					}),
					{ numRuns: 12, seed: 4711 }
				);
				// Unknown keys are stripped, so a deep object is even valid for an event without fields (board:list).
				expect(typeof (await emitRaw(s, event, deep)).ok).toBe('boolean');
				// Without an ack: ignored; the socket keeps working.
				(s as unknown as { emit(e: string, p: unknown): void }).emit(event, { __proto__: { polluted: 1 } });
			}
			expect((await emitRaw(s, 'sys:ping', {})).ok, role).toBe(true);
		}
		await new Promise((r) => setTimeout(r, 100));
		expect(rejections).toEqual([]);
		expect(prototypeKeys()).toEqual(protoBefore);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(srv.realtime.ctx.stats.errors).toBe(0);
	}, 120_000);
});

describe('malformed frames (S5)', () => {
	/** Broken at the Engine.IO or Socket.IO level: the connection is closed. */
	const MALFORMED = [
		'42["poll:vote",{', // cut off JSON
		'42{"not":"an array"}',
		'4x',
		'99',
		'42[]',
		'\u0000\u0001\u0002',
		'43abc[',
		'4' + 'A'.repeat(150_000) // over maxHttpBufferSize
	];
	/** Well-formed frames that make no sense: ignored (no ack asked) or refused, and the connection stays usable. */
	const NONSENSE = [
		'42[1,2,3]', // Socket.IO lets numbers through as event names
		'421[7,{}]', // …also with an ack: answered invalid_payload
		'42["__proto__",{"polluted":1}]',
		'42["session:watch",' + '['.repeat(5000) + ']'.repeat(5000) + ']',
		'42["no:such:event"]',
		'0{"weird":true}'
	];

	/**
	 * A raw Engine.IO websocket that joins the default namespace as a phone (cookie and auth as the
	 * app sends them), then sends `frame`. Resolves 'closed' if the server closed it within 1.5 s,
	 * else 'alive' if a ping with an ack (`421["sys:ping",{}]`) is still answered, else 'stuck'.
	 */
	async function rawFrame(frame: string | Buffer): Promise<'closed' | 'alive' | 'stuck'> {
		const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { origin, cookie: phoneCookie } });
		const inbox: string[] = [];
		ws.on('message', (d) => inbox.push(d.toString()));
		const until = async (test: () => boolean, ms: number) => {
			const end = Date.now() + ms;
			while (!test() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
			return test();
		};
		let closed = false;
		ws.once('close', () => (closed = true));
		await new Promise((resolve, reject) => {
			ws.once('open', resolve);
			ws.once('error', reject);
		});
		expect(await until(() => inbox.some((m) => m.startsWith('0{')), 2000)).toBe(true);
		ws.send('40' + JSON.stringify({ v: PROTOCOL_VERSION, role: 'audience', eventId: phoneEventId }));
		expect(await until(() => inbox.some((m) => m.startsWith('40{')), 2000)).toBe(true);
		ws.send(frame);
		await until(() => closed, 1500);
		if (closed) return 'closed';
		ws.send('421["sys:ping",{}]');
		const alive = await until(() => inbox.some((m) => m.startsWith('431[{"ok":true')), 2000);
		ws.terminate();
		return alive ? 'alive' : 'stuck';
	}

	it('S5: a malformed Socket.IO frame closes that socket and nothing else; nonsense is ignored; the process keeps serving', async () => {
		const before = srv.io.engine.clientsCount;
		const outcomes: Record<string, string> = {};
		for (const f of MALFORMED) outcomes[f.slice(0, 30)] = await rawFrame(f);
		outcomes['binary junk'] = await rawFrame(Buffer.from([0xff, 0xfe, 0x00, 0x42]));
		expect(Object.entries(outcomes).filter(([, o]) => o !== 'closed')).toEqual([]);
		for (const f of NONSENSE) expect(await rawFrame(f), f.slice(0, 30)).toBe('alive');
		for (const [role, s] of Object.entries(sockets)) {
			expect(s.connected, role).toBe(true);
			expect((await emitRaw(s, 'sys:ping', {})).ok, role).toBe(true);
		}
		await new Promise((r) => setTimeout(r, 200));
		expect(srv.io.engine.clientsCount).toBe(before);
		expect(rejections).toEqual([]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	}, 60_000);
});
