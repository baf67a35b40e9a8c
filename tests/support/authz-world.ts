/**
 * The cast and the world of the HTTP authorisation matrices (S2 of quality.md): the API's and the
 * web forms'. Staff users and their credentials exist once per test file; every cell of a matrix
 * gets a fresh event of its own (`newWorld`), so a cell that may delete or close something never
 * spoils the next. `fingerprint` reads every row a refused call could have touched, so a test can
 * assert that a refusal changed nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import { createApiToken, revokeApiToken } from '../../src/lib/server/api-tokens/service.ts';
import { acceptInvite, createInvite } from '../../src/lib/server/invites/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { createPoll } from '../../src/lib/server/polls/service.ts';
import { askQuestion } from '../../src/lib/server/qa/ask.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { claimSeat } from '../../src/lib/server/boards/seats.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';
import { startBuiltServer } from './built-server.ts';
import { createPgDatabase } from './databases.ts';

export const PASSWORD = 'correct horse battery';
const EVENT = {
	title: 'Matrix',
	startsOn: '2026-05-04',
	endsOn: '2026-05-04',
	timeZone: 'Europe/Berlin',
	defaultLocale: 'de' as const,
	retentionOn: '2099-12-31'
};
const PLENARY = { kind: 'plenary' as const, title: 'Keynote', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null };
const WORKSHOP = { ...PLENARY, kind: 'workshop' as const, title: 'Workshop', startsAt: '2026-05-04T11:00', endsAt: '2026-05-04T12:00' };

/** Staff with a working login cookie and API token each; the roles in an event come per world. */
export interface Staff {
	id: string;
	email: string;
	cookie: string;
	token: string;
}

export interface Cast {
	owner: Staff;
	/** Moderator of every world's event. */
	moderator: Staff;
	/** Workshop lead of one workshop in every world's event, never of the session a cell targets. */
	leadOther: Staff;
	/** A staff account with no role in any world's event. */
	stranger: Staff;
	/** A second moderator of every world's event: the one a cell may remove from the team. */
	spare: Staff;
	/** The owner's API token, revoked. */
	revokedToken: string;
	/** A login cookie of the owner whose session has expired. */
	expiredCookie: string;
	/** A login cookie of the owner who has logged out. */
	loggedOutCookie: string;
}

async function staff(email: string, make: (input: { email: string; name: string; password: string }, d: Deps) => Promise<auth.User>, d: Deps): Promise<Staff> {
	const u = await make({ email, name: email.split('@')[0]!, password: PASSWORD }, d);
	return { id: u.id, email, cookie: `${STAFF_COOKIE}=${(await auth.createSession(u.id, d)).token}`, token: (await createApiToken('matrix', u.id, d)).token };
}

export async function createCast(d: Deps): Promise<Cast> {
	const owner = await staff('anna@example.org', auth.createOwner, d);
	const revoked = await createApiToken('revoked', owner.id, d);
	await revokeApiToken(revoked.record.id, owner.id, d);
	const expired = await auth.createSession(owner.id, d);
	await d.db
		.updateTable('auth_sessions')
		.set({ expires_at: d.clock.now() - 1 })
		.where('id', '=', expired.session.id)
		.execute();
	const gone = await auth.createSession(owner.id, d);
	await auth.invalidateSession(gone.session.id, d);
	return {
		owner,
		moderator: await staff('mo@example.org', auth.createUser, d),
		leadOther: await staff('lea@example.org', auth.createUser, d),
		stranger: await staff('sam@example.org', auth.createUser, d),
		spare: await staff('max@example.org', auth.createUser, d),
		revokedToken: revoked.token,
		expiredCookie: `${STAFF_COOKIE}=${expired.token}`,
		loggedOutCookie: `${STAFF_COOKIE}=${gone.token}`
	};
}

/** One event as a matrix cell finds it. `session` is a plenary nobody but owner and moderator moderates. */
export interface World {
	eventId: string;
	joinCode: string;
	session: string;
	/** The workshop the cast's lead leads. */
	leadSession: string;
	/** A workshop on the board, led by nobody. */
	workshop: string;
	/** A second workshop of the agenda, not yet on the board. */
	spareWorkshop: string;
	/** A single-choice poll, never opened. */
	poll: string;
	/** An open-text poll, never opened. */
	openTextPoll: string;
	question: string;
	board: string;
	/** An open invite (for revoking). */
	invite: string;
	participantId: string;
	participantCookie: string;
	stageToken: string;
}

export async function newWorld(cast: Cast, d: Deps): Promise<World> {
	const ownerId = cast.owner.id;
	const ev = await events.createEvent(EVENT, { userId: ownerId, isAdmin: true }, d);
	const session = (await events.createSession(ev.id, PLENARY, ownerId, d)).id;
	const leadSession = (await events.createSession(ev.id, { ...WORKSHOP, title: 'Led' }, ownerId, d)).id;
	const workshop = (await events.createSession(ev.id, WORKSHOP, ownerId, d)).id;
	const spareWorkshop = (await events.createSession(ev.id, { ...WORKSHOP, title: 'Spare' }, ownerId, d)).id;
	const invite = async (userId: string | null, role: 'moderator' | 'workshop_lead', sessionIds: string[]) => {
		const inv = await createInvite({ eventId: ev.id, role, sessionIds }, ownerId, d);
		if (userId) await acceptInvite(inv.token, { existingUserId: userId }, d);
		return inv.invite.id;
	};
	await invite(cast.moderator.id, 'moderator', []);
	await invite(cast.spare.id, 'moderator', []);
	await invite(cast.leadOther.id, 'workshop_lead', [leadSession]);
	const poll = await createPoll(
		session,
		{ kind: 'single', question: 'Kaffee?', options: ['Ja', 'Nein'], allowChange: true, resultsVisibility: 'live', showNames: false },
		ownerId,
		d
	);
	const openText = await createPoll(
		session,
		{ kind: 'open', question: 'Was fehlt?', options: [], moderated: true, allowChange: true, resultsVisibility: 'live', showNames: false },
		ownerId,
		d
	);
	const { token, participant } = await joinEvent({ eventId: ev.id, via: 'room' }, d);
	const asker = { participantId: participant.id, eventId: ev.id, channel: 'room' as const };
	const question = await askQuestion({ ...asker, sessionId: session, text: 'Wann ist Pause?', name: null, key: randomUUID() }, d);
	const board = await createBoard(ev.id, { title: 'Nachmittag', mode: 'fcfs', lotteryDeadline: null }, ownerId, d);
	await addWorkshop(board.id, { sessionId: workshop, capacity: 5, description: '' }, ownerId, d);
	const code = await d.db.selectFrom('join_codes').select('code').where('event_id', '=', ev.id).where('session_id', 'is', null).executeTakeFirstOrThrow();
	return {
		eventId: ev.id,
		joinCode: code.code,
		session,
		leadSession,
		workshop,
		spareWorkshop,
		poll: poll.id,
		openTextPoll: openText.id,
		question: question.id,
		board: board.id,
		invite: await invite(null, 'moderator', []),
		participantId: participant.id,
		participantCookie: `${participantCookieName(ev.id)}=${token}`,
		stageToken: await stageTokenFor(session, d)
	};
}

/**
 * A hash of every row of every table, but for what reading itself may write: logins (an
 * expired one is deleted when presented, a live one renewed) and when an API token was last used.
 */
export async function fingerprint(d: Deps): Promise<string> {
	const hash = createHash('sha256');
	const tables = (await d.db.introspection.getTables())
		.map((t) => t.name)
		.filter((n) => n !== 'auth_sessions' && !n.startsWith('kysely_') && n !== 'migrations');
	for (const table of tables.sort()) {
		const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(d.db);
		const lines = rows.rows.map((r) => {
			if (table === 'api_tokens') delete r.last_used_at;
			return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
		});
		hash.update(table + '\n' + lines.sort().join('\n') + '\n');
	}
	return hash.digest('hex');
}

/** Opens the world's board and gives its participant a seat in the board's workshop. */
export async function seatParticipant(cast: Cast, w: World, d: Deps): Promise<void> {
	await setBoardState(w.board, 'open', cast.owner.id, d);
	await claimSeat({ participantId: w.participantId, eventId: w.eventId, boardId: w.board, sessionId: w.workshop, key: randomUUID() }, d);
}

/**
 * The built server of a matrix test file with its cast: on PostgreSQL (a database of its own,
 * dropped by `close`) when DATABASE_URL is set, else SQLite.
 */
export async function startMatrixServer(): Promise<{ running: Running & { origin: string }; d: Deps; cast: Cast; close(): Promise<void> }> {
	const db = process.env.DATABASE_URL ? await createPgDatabase(process.env.DATABASE_URL) : null;
	const running = await startBuiltServer(db ? { DATABASE_URL: db.url } : {});
	const d = running.app.deps;
	return {
		running,
		d,
		cast: await createCast(d),
		close: async () => {
			await running.shutdown();
			await db?.drop();
		}
	};
}
