/**
 * S2 of quality.md: the authorisation matrix of the socket events. Every inbound event × every
 * role, each cell the answer the rules give (docs/SPEC.md AC1–AC4, S3; docs/protocol.md). The
 * test fails when an event exists that the matrix does not list, and when a cell answers
 * otherwise. Roles that cannot connect at all (a logged-out or expired staff login, a rotated
 * stage link) are refused at the handshake. Real server in this process, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startServer, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { client, connected, emitRaw, type TestSocket } from '../support/realtime.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { acceptInvite, createInvite } from '../../src/lib/server/invites/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { rotateStageToken, stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import { createPoll, openPoll, castVote } from '../../src/lib/server/polls/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { inbound, type InboundEvent } from '../../src/lib/shared/protocol.ts';
import type { Deps } from '../../src/lib/server/deps.ts';

const ROLES = ['phone', 'phoneElsewhere', 'stage', 'owner', 'moderator', 'leadOther', 'stranger'] as const;
type Role = (typeof ROLES)[number];
/** 'ok', or the error code the cell must answer. */
type Cell = 'ok' | 'not_found' | 'forbidden' | 'conflict' | 'invalid_payload';

let srv: Running;
let d: Deps;
let origin: string;
const ids = {} as { event: string; session: string; workshop: string; leadWorkshop: string; poll: string; openPoll: string; board: string; other: string };
const people = {} as Record<'phone' | 'phoneElsewhere', { participantId: string; eventId: string; channel: 'room' }>;
let ownerId: string;
const sockets = {} as Record<Role, TestSocket>;

const plenary = { kind: 'plenary' as const, title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null };
const workshop = { ...plenary, kind: 'workshop' as const, title: 'W' };
const EVENT = { title: 'E', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de' as const, retentionOn: '2026-06-01' };

async function staffCookie(email: string, role: 'moderator' | 'workshop_lead' | null, sessionIds: string[] = []): Promise<string> {
	const u = await auth.createUser({ email, name: email, password: 'correct horse battery' }, d);
	if (role) await acceptInvite((await createInvite({ eventId: ids.event, role, sessionIds }, ownerId, d)).token, { existingUserId: u.id }, d);
	return `${STAFF_COOKIE}=${(await auth.createSession(u.id, d)).token}`;
}

beforeAll(async () => {
	// The phone asks a fresh question for every cell that changes one; its rate limit is not under test here (S7 is).
	const config = testConfig({ QA_QUESTIONS_PER_MINUTE: '1000' });
	srv = await startServer(config);
	d = srv.app.deps;
	origin = config.publicOrigin;
	const owner = await auth.createOwner({ email: 'o@x.de', name: 'O', password: 'correct horse battery' }, d);
	ownerId = owner.id;
	const actor = { userId: owner.id, isAdmin: true };
	ids.event = (await events.createEvent(EVENT, actor, d)).id;
	ids.other = (await events.createEvent({ ...EVENT, title: 'F' }, actor, d)).id;
	ids.session = (await events.createSession(ids.event, plenary, owner.id, d)).id;
	ids.workshop = (await events.createSession(ids.event, workshop, owner.id, d)).id;
	ids.leadWorkshop = (await events.createSession(ids.event, { ...workshop, title: 'W2' }, owner.id, d)).id;
	const poll = await createPoll(
		ids.session,
		{ kind: 'single', question: 'Q', options: ['A', 'B'], allowChange: true, resultsVisibility: 'live', showNames: false },
		owner.id,
		d
	);
	await openPoll(poll.id, owner.id, d);
	ids.poll = poll.id;
	const openText = await createPoll(
		ids.session,
		{ kind: 'open', question: 'T', options: [], moderated: true, allowChange: true, resultsVisibility: 'live', showNames: false },
		owner.id,
		d
	);
	ids.openPoll = openText.id;
	const board = await createBoard(ids.event, { title: 'Slot', mode: 'fcfs', lotteryDeadline: null }, owner.id, d);
	await addWorkshop(board.id, { sessionId: ids.workshop, capacity: 5, description: '' }, owner.id, d);
	await setBoardState(board.id, 'open', owner.id, d);
	ids.board = board.id;

	const join = async (eventId: string) => {
		const { token, participant } = await joinEvent({ eventId, via: 'room' }, d);
		return { cookie: `${participantCookieName(eventId)}=${token}`, who: { participantId: participant.id, eventId, channel: 'room' as const } };
	};
	const phone = await join(ids.event);
	const elsewhere = await join(ids.other);
	people.phone = phone.who;
	people.phoneElsewhere = elsewhere.who;
	const cookies = {
		owner: `${STAFF_COOKIE}=${(await auth.createSession(owner.id, d)).token}`,
		moderator: await staffCookie('mo@x.de', 'moderator'),
		leadOther: await staffCookie('lea@x.de', 'workshop_lead', [ids.leadWorkshop]),
		stranger: await staffCookie('sam@x.de', null)
	};
	const stageToken = await stageTokenFor(ids.session, d);
	// Each socket is awaited as soon as it is made: its 'connect' must not pass before anyone listens.
	const open = async (role: Role, s: TestSocket) => {
		sockets[role] = s;
		await connected(s);
	};
	await open('phone', client(srv.url, { role: 'audience', eventId: ids.event }, { cookie: phone.cookie, origin }));
	await open('phoneElsewhere', client(srv.url, { role: 'audience', eventId: ids.other }, { cookie: elsewhere.cookie, origin }));
	await open('stage', client(srv.url, { role: 'stage', sessionId: ids.session, stageToken }, { origin }));
	for (const r of ['owner', 'moderator', 'leadOther', 'stranger'] as const) await open(r, client(srv.url, { role: 'staff' }, { cookie: cookies[r], origin }));
});

afterAll(async () => {
	for (const s of Object.values(sockets)) s.close();
	await srv.shutdown();
});

/** A question of the phone's own, fresh for each cell that changes or removes it. */
async function phoneQuestion(): Promise<string> {
	return (await askQuestion({ ...people.phone, sessionId: ids.session, text: `Frage ${randomUUID()}`, name: null, key: randomUUID() }, d)).id;
}
/** A pending open-text answer to moderate. */
async function pendingAnswer(): Promise<string> {
	await openPoll(ids.openPoll, ownerId, d).catch(() => undefined);
	const p = (await joinEvent({ eventId: ids.event, via: 'room' }, d)).participant;
	await castVote(
		{ pollId: ids.openPoll, participantId: p.id, eventId: ids.event, channel: 'room', answer: { kind: 'open', text: 'Antwort' }, key: randomUUID() },
		d
	);
	const row = await d.db.selectFrom('poll_votes').select('id').where('participant_id', '=', p.id).executeTakeFirstOrThrow();
	return row.id;
}

// Shorthands for rows: who may, and what the others get.
const row = (cells: Partial<Record<Role, Cell>>, rest: Cell): Record<Role, Cell> =>
	Object.fromEntries(ROLES.map((r) => [r, cells[r] ?? rest])) as Record<Role, Cell>;
/** Read a session: its audience, its stage screen, staff who moderate it; another event's phone and non-members get not_found, a member without the right forbidden. */
const readSession = row({ phone: 'ok', stage: 'ok', owner: 'ok', moderator: 'ok', leadOther: 'forbidden' }, 'not_found');
/** Phones of the event act; another event's phone gets not_found; staff and stage screens forbidden. */
const phoneActs = row({ phone: 'ok', phoneElsewhere: 'not_found' }, 'forbidden');
/** Moderation of the session: owner and moderators; a lead of another workshop forbidden; non-members not_found; phones and screens forbidden. */
const moderates = row({ owner: 'ok', moderator: 'ok', leadOther: 'forbidden', stranger: 'not_found' }, 'forbidden');

const MATRIX: Record<InboundEvent, { payload: () => unknown | Promise<unknown>; expect: Record<Role, Cell> }> = {
	'sys:ping': { payload: () => ({}), expect: row({}, 'ok') },
	'session:watch': { payload: () => ({ sessionId: ids.session }), expect: readSession },
	'session:unwatch': { payload: () => ({ sessionId: ids.session }), expect: row({}, 'ok') },
	'stage:get': { payload: () => ({ sessionId: ids.session }), expect: readSession },
	'stage:set': { payload: () => ({ sessionId: ids.session, state: { mode: 'idle' } }), expect: moderates },
	'poll:current': { payload: () => ({ sessionId: ids.session }), expect: readSession },
	'poll:get': { payload: () => ({ pollId: ids.poll }), expect: readSession },
	'poll:vote': { payload: () => ({ pollId: ids.poll, answer: { kind: 'single', optionId: 'o1' }, key: randomUUID() }), expect: phoneActs },
	'poll:control': { payload: () => ({ pollId: ids.poll, action: 'reveal' }), expect: moderates },
	'poll:moderate': { payload: async () => ({ pollId: ids.openPoll, voteId: await pendingAnswer(), status: 'approved' }), expect: moderates },
	'qa:get': { payload: () => ({ sessionId: ids.session }), expect: readSession },
	'qa:ask': { payload: () => ({ sessionId: ids.session, text: 'Eine Frage', name: null, key: randomUUID() }), expect: phoneActs },
	'qa:edit': { payload: async () => ({ questionId: await phoneQuestion(), text: 'Anders gefragt', key: randomUUID() }), expect: phoneActs },
	'qa:delete': { payload: async () => ({ questionId: await phoneQuestion(), key: randomUUID() }), expect: phoneActs },
	'qa:upvote': { payload: async () => ({ questionId: await phoneQuestion(), up: true, key: randomUUID() }), expect: phoneActs },
	'qa:moderate': { payload: async () => ({ questionId: await phoneQuestion(), action: 'pin' }), expect: moderates },
	'qa:reply': { payload: async () => ({ questionId: await phoneQuestion(), reply: 'Danke' }), expect: moderates },
	'qa:settings': { payload: () => ({ sessionId: ids.session, enabled: true }), expect: moderates },
	// Phones and stage screens list their own event's boards; staff list them on the event page.
	'board:list': { payload: () => ({}), expect: row({ owner: 'forbidden', moderator: 'forbidden', leadOther: 'forbidden', stranger: 'forbidden' }, 'ok') },
	// Every member of the event may look at its boards (AC: event:view); a stage screen of the event too.
	'board:watch': { payload: () => ({ boardId: ids.board }), expect: row({ phoneElsewhere: 'not_found', stranger: 'not_found' }, 'ok') },
	'board:unwatch': { payload: () => ({ boardId: ids.board }), expect: row({}, 'ok') },
	'report:watch': { payload: () => ({ sessionId: ids.workshop }), expect: row({ stage: 'ok', owner: 'ok', moderator: 'ok', leadOther: 'ok' }, 'not_found') },
	'board:claim': { payload: () => ({ boardId: ids.board, sessionId: ids.workshop, key: randomUUID() }), expect: phoneActs },
	'board:cancel': { payload: () => ({ boardId: ids.board, key: randomUUID() }), expect: phoneActs },
	// Ranking belongs to lottery boards: on a first-come board even the phone of the event gets conflict.
	'board:rank': { payload: () => ({ boardId: ids.board, choices: [ids.workshop], key: randomUUID() }), expect: { ...phoneActs, phone: 'conflict' } },
	'participant:update': { payload: () => ({ displayName: 'Kim' }), expect: row({ phone: 'ok', phoneElsewhere: 'ok' }, 'forbidden') }
};

describe('authorisation matrix of the socket events (S2)', () => {
	it('S2: the matrix lists every inbound event, and nothing else', () => {
		expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(inbound).sort());
	});

	it('S2: every event × every role answers as the rules say', async () => {
		const got: Record<string, Record<Role, string>> = {};
		for (const [event, { payload }] of Object.entries(MATRIX)) {
			got[event] = {} as Record<Role, string>;
			for (const role of ROLES) {
				const ack = await emitRaw(sockets[role], event, await payload());
				got[event][role] = ack.ok ? 'ok' : ack.error.code;
			}
		}
		const want = Object.fromEntries(Object.entries(MATRIX).map(([e, m]) => [e, m.expect]));
		expect(got).toEqual(want);
	}, 60_000);

	it('S2/S11: a logged-out staff login and a rotated stage link cannot connect at all', async () => {
		const u = await auth.createUser({ email: 'gone@x.de', name: 'G', password: 'correct horse battery' }, d);
		const login = await auth.createSession(u.id, d);
		await auth.invalidateSession(login.session.id, d);
		await expect(connected(client(srv.url, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=${login.token}`, origin }))).rejects.toMatchObject({
			code: 'unauthenticated'
		});
		const old = await stageTokenFor(ids.session, d);
		await rotateStageToken(ids.session, d);
		await expect(connected(client(srv.url, { role: 'stage', sessionId: ids.session, stageToken: old }, { origin }))).rejects.toMatchObject({
			code: 'unauthenticated'
		});
	});
	/** One person logged in twice (a laptop and a phone, say), a staff socket open on each login. */
	async function twoLogins(email: string) {
		const u = await auth.createUser({ email, name: email, password: 'correct horse battery' }, d);
		const a = await auth.createSession(u.id, d);
		const b = await auth.createSession(u.id, d);
		const sa = client(srv.url, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=${a.token}`, origin });
		await connected(sa);
		const sb = client(srv.url, { role: 'staff' }, { cookie: `${STAFF_COOKIE}=${b.token}`, origin });
		await connected(sb);
		return { a, b, sa, sb };
	}
	it("S11: logging out closes that login's open sockets within a second, and only those", async () => {
		const { a, sa, sb } = await twoLogins('leaving@x.de');
		const gone = new Promise<number>((resolve) => sa.once('disconnect', () => resolve(Date.now())));
		const t0 = Date.now();
		await auth.invalidateSession(a.session.id, d);
		expect((await gone) - t0).toBeLessThan(1000);
		expect((await emitRaw(sb, 'sys:ping', {})).ok).toBe(true);
		sb.close();
	});
	it('S11: a login that expires while its sockets are open has them closed within a second, and only those; a renewed one stays', async () => {
		const { a, b, sa, sb } = await twoLogins('expiring@x.de');
		let revoked = false;
		sa.once('session:revoked', () => (revoked = true));
		const gone = new Promise<number>((resolve) => sa.once('disconnect', () => resolve(Date.now())));
		// Nobody acts: the login's time simply runs out (as 30 days after the last page load would).
		const t0 = Date.now();
		await d.db
			.updateTable('auth_sessions')
			.set({ expires_at: d.clock.now() - 1 })
			.where('id', '=', a.session.id)
			.execute();
		// The sweep runs twice a second (LOGIN_SWEEP_MS), plus the round trip of the close.
		expect((await gone) - t0).toBeLessThan(1000);
		expect(revoked).toBe(true);
		// The other login of the same person was renewed meanwhile (sliding expiry) and stays connected.
		await d.db
			.updateTable('auth_sessions')
			.set({ expires_at: d.clock.now() + 60_000 })
			.where('id', '=', b.session.id)
			.execute();
		await new Promise((r) => setTimeout(r, 1500));
		expect(sb.connected).toBe(true);
		expect((await emitRaw(sb, 'sys:ping', {})).ok).toBe(true);
		sb.close();
	});
});
