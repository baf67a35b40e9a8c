/**
 * The contract suite: every rule of the domain, run against SQLite and PostgreSQL alike
 * (architecture: one persistence port, two dialects, one suite). Test names quote the rule ids
 * of docs/SPEC.md.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_DBS, emptyAllTables } from '../support/databases.ts';
import { testDeps } from '../support/deps.ts';
import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import * as auth from '../../src/lib/server/auth/service.ts';
import * as events from '../../src/lib/server/events/service.ts';
import * as invites from '../../src/lib/server/invites/service.ts';
import * as participants from '../../src/lib/server/participants/service.ts';
import * as stage from '../../src/lib/server/stage/service.ts';
import * as apiTokens from '../../src/lib/server/api-tokens/service.ts';
import { resolveJoinCode } from '../../src/lib/server/events/join-codes.ts';
import { loadAccess } from '../../src/lib/server/access/service.ts';
import { isJoinCode } from '../../src/lib/shared/join-code.ts';
import { hashToken } from '../../src/lib/server/ids.ts';

const PASSWORD = 'correct horse battery';
const EVENT = {
	title: 'Smart City Tag',
	startsOn: '2026-05-04',
	endsOn: '2026-05-04',
	timeZone: 'Europe/Berlin',
	defaultLocale: 'de' as const,
	retentionOn: '2026-08-01'
};
const session = (title: string, kind: 'plenary' | 'panel' | 'workshop' = 'plenary') => ({
	kind,
	title,
	startsAt: '2026-05-04T09:00',
	endsAt: '2026-05-04T10:00',
	room: 'Saal 1',
	livestreamUrl: null
});

async function rejects(p: Promise<unknown>, code: string) {
	await expect(p).rejects.toMatchObject({ code });
}

describe.each(ALL_DBS)('domain contract on $name', (engine) => {
	let h: DbHandle & { drop(): Promise<void> };
	let t: ReturnType<typeof testDeps>;
	beforeAll(async () => {
		h = await engine.open();
	});
	afterAll(async () => {
		await h.close();
		await h.drop();
	});
	beforeEach(async () => {
		// Fresh tables for every test (the suite shares one database).
		await emptyAllTables(h.db);
		t = testDeps(h);
	});

	async function owner() {
		return auth.createOwner({ email: 'Owner@Example.org', name: 'Olga Owner', password: PASSWORD }, t.deps);
	}
	async function ownerWithEvent() {
		const o = await owner();
		const ev = await events.createEvent(EVENT, { userId: o.id, isAdmin: true }, t.deps);
		return { o, ev };
	}

	describe('accounts and sessions', () => {
		it('AU1: the owner account can be created only while no account exists, even when two setups race', async () => {
			const results = await Promise.allSettled([0, 1, 2].map((i) => auth.createOwner({ email: `o${i}@x.de`, name: 'O', password: PASSWORD }, t.deps)));
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect(await h.db.selectFrom('users').select('id').execute()).toHaveLength(1);
			await rejects(auth.createOwner({ email: 'late@x.de', name: 'L', password: PASSWORD }, t.deps), 'conflict');
		});

		it('AU1: a short password is refused and creates nothing', async () => {
			await rejects(auth.createOwner({ email: 'a@b.de', name: 'A', password: 'short' }, t.deps), 'invalid_payload');
			expect(await auth.hasAnyUser(t.deps)).toBe(false);
		});

		it('AU2: login gives a session whose token is stored only as a hash; the same check validates it', async () => {
			await owner();
			const { token, session: s } = await auth.login({ email: ' owner@example.org ', password: PASSWORD, ip: '10.0.0.1' }, t.deps);
			const rows = await h.db.selectFrom('auth_sessions').selectAll().execute();
			expect(rows).toHaveLength(1);
			expect(rows[0]!.id).toBe(hashToken(token));
			expect(JSON.stringify(rows)).not.toContain(token);
			const v = await auth.validateSessionToken(token, t.deps);
			expect(v?.session.id).toBe(s.id);
			expect(v?.user.email).toBe('owner@example.org');
		});

		it('AU2: a wrong password and an unknown account answer the same', async () => {
			await owner();
			await rejects(auth.login({ email: 'owner@example.org', password: 'wrong password!', ip: '1' }, t.deps), 'unauthenticated');
			await rejects(auth.login({ email: 'nobody@example.org', password: PASSWORD, ip: '1' }, t.deps), 'unauthenticated');
		});

		it('AU2: sessions slide: renewed after half their life, deleted once expired', async () => {
			await owner();
			const { token } = await auth.login({ email: 'owner@example.org', password: PASSWORD, ip: '1' }, t.deps);
			t.clock.advance(20 * 24 * 3600_000);
			const renewed = await auth.validateSessionToken(token, t.deps);
			expect(renewed!.session.expiresAt).toBe(t.clock.now() + auth.SESSION_TTL_MS);
			t.clock.advance(auth.SESSION_TTL_MS + 1);
			expect(await auth.validateSessionToken(token, t.deps)).toBeNull();
			expect(await h.db.selectFrom('auth_sessions').select('id').execute()).toHaveLength(0);
		});

		it('AU3: login is rate limited per account, and the limit answers rate_limited with a wait', async () => {
			await owner();
			for (let i = 0; i < 10; i++)
				await rejects(auth.login({ email: 'owner@example.org', password: 'wrong password!', ip: `10.0.0.${i}` }, t.deps), 'unauthenticated');
			const err = await auth.login({ email: 'owner@example.org', password: PASSWORD, ip: '10.0.1.1' }, t.deps).catch((e: unknown) => e);
			expect(err).toMatchObject({ code: 'rate_limited' });
			expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
			t.clock.advance(15 * 60_000);
			await expect(auth.login({ email: 'owner@example.org', password: PASSWORD, ip: '10.0.1.1' }, t.deps)).resolves.toBeTruthy();
		});

		it('AU4: logout deletes the session and tells the realtime layer to close its sockets', async () => {
			await owner();
			const { token, session: s } = await auth.login({ email: 'owner@example.org', password: PASSWORD, ip: '1' }, t.deps);
			await auth.invalidateSession(s.id, t.deps);
			expect(await auth.validateSessionToken(token, t.deps)).toBeNull();
			expect(t.publisher.ended).toEqual([s.id]);
		});
	});

	describe('events and agenda', () => {
		it('AC1: only an administrator creates events, and the creator owns them', async () => {
			const { o, ev } = await ownerWithEvent();
			expect(await loadAccess(o.id, ev.id, t.deps)).toMatchObject({ role: 'owner' });
			const u = await auth.createUser({ email: 'm@x.de', name: 'M', password: PASSWORD }, t.deps);
			await rejects(events.createEvent(EVENT, { userId: u.id, isAdmin: false }, t.deps), 'forbidden');
		});

		it('J1: events and sessions get distinct, valid join codes that resolve to them', async () => {
			const { o, ev } = await ownerWithEvent();
			const sessions = [];
			for (let i = 0; i < 15; i++) sessions.push(await events.createSession(ev.id, session(`S${i}`), o.id, t.deps));
			const codes = [ev.joinCode, ...sessions.map((s) => s.joinCode)];
			expect(new Set(codes).size).toBe(codes.length);
			for (const c of codes) expect(isJoinCode(c)).toBe(true);
			expect(await resolveJoinCode(h.db, ev.joinCode)).toEqual({ eventId: ev.id, sessionId: null });
			expect(await resolveJoinCode(h.db, sessions[3]!.joinCode)).toEqual({ eventId: ev.id, sessionId: sessions[3]!.id });
			expect(await resolveJoinCode(h.db, 'ZZZZZZ')).toBeNull();
		});

		it('EV1: sessions keep their order; move and reorder renumber densely', async () => {
			const { o, ev } = await ownerWithEvent();
			const [a, b, c] = [
				await events.createSession(ev.id, session('A'), o.id, t.deps),
				await events.createSession(ev.id, session('B'), o.id, t.deps),
				await events.createSession(ev.id, session('C'), o.id, t.deps)
			];
			expect((await events.listSessions(ev.id, t.deps)).map((s) => s.title)).toEqual(['A', 'B', 'C']);
			await events.moveSession(c!.id, 'up', o.id, t.deps);
			expect((await events.listSessions(ev.id, t.deps)).map((s) => s.title)).toEqual(['A', 'C', 'B']);
			await events.moveSession(a!.id, 'up', o.id, t.deps); // already first: no change
			const after = await events.reorderSessions(ev.id, [b!.id, a!.id, c!.id], o.id, t.deps);
			expect(after.map((s) => [s.title, s.position])).toEqual([
				['B', 1],
				['A', 2],
				['C', 3]
			]);
			await rejects(events.reorderSessions(ev.id, [b!.id, a!.id], o.id, t.deps), 'invalid_payload');
			await rejects(events.reorderSessions(ev.id, [b!.id, a!.id, a!.id], o.id, t.deps), 'invalid_payload');
		});

		it('EV2: editing and deleting sessions; deleting the event removes everything it holds', async () => {
			const { o, ev } = await ownerWithEvent();
			const s = await events.createSession(ev.id, session('Keynote'), o.id, t.deps);
			const edited = await events.updateSession(s.id, { ...session('Keynote: Daten'), kind: 'panel', livestreamUrl: 'https://stream.example/1' }, o.id, t.deps);
			expect(edited).toMatchObject({ title: 'Keynote: Daten', kind: 'panel', livestreamUrl: 'https://stream.example/1', joinCode: s.joinCode });
			await participants.joinEvent({ eventId: ev.id, via: 'room' }, t.deps);
			await stage.setStage(s.id, { mode: 'idle' }, undefined, t.deps);
			await events.deleteEvent(ev.id, o.id, t.deps);
			for (const table of ['events', 'event_sessions', 'join_codes', 'memberships', 'participants', 'stage_states'] as const)
				expect(await h.db.selectFrom(table).selectAll().execute()).toHaveLength(0);
		});

		it('AC2: a moderator cannot change the agenda; a non-member sees not_found', async () => {
			const { o, ev } = await ownerWithEvent();
			const s = await events.createSession(ev.id, session('A'), o.id, t.deps);
			const { token } = await invites.createInvite({ eventId: ev.id, role: 'moderator', sessionIds: [] }, o.id, t.deps);
			const acc = await invites.acceptInvite(token, { email: 'mod@x.de', name: 'Mo', password: PASSWORD }, t.deps);
			await rejects(events.updateSession(s.id, session('X'), acc.userId, t.deps), 'forbidden');
			await rejects(events.deleteEvent(ev.id, acc.userId, t.deps), 'forbidden');
			const stranger = await auth.createUser({ email: 's@x.de', name: 'S', password: PASSWORD }, t.deps);
			await rejects(events.updateEvent(ev.id, EVENT, stranger.id, t.deps), 'not_found');
		});
	});

	describe('invites', () => {
		it('IN1: an invite is single use, even when redeemed twice at once', async () => {
			const { o, ev } = await ownerWithEvent();
			const { token } = await invites.createInvite({ eventId: ev.id, role: 'moderator', sessionIds: [] }, o.id, t.deps);
			const u1 = await auth.createUser({ email: 'u1@x.de', name: 'U1', password: PASSWORD }, t.deps);
			const u2 = await auth.createUser({ email: 'u2@x.de', name: 'U2', password: PASSWORD }, t.deps);
			const r = await Promise.allSettled([
				invites.acceptInvite(token, { existingUserId: u1.id }, t.deps),
				invites.acceptInvite(token, { existingUserId: u2.id }, t.deps)
			]);
			expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
			expect(await h.db.selectFrom('memberships').select('user_id').where('role', '=', 'moderator').execute()).toHaveLength(1);
			await rejects(invites.peekInvite(token, t.deps), 'expired');
		});

		it('IN2: an invite expires', async () => {
			const { o, ev } = await ownerWithEvent();
			const { token } = await invites.createInvite({ eventId: ev.id, role: 'moderator', sessionIds: [] }, o.id, t.deps);
			t.clock.advance(invites.INVITE_TTL_MS);
			await rejects(invites.acceptInvite(token, { email: 'late@x.de', name: 'L', password: PASSWORD }, t.deps), 'expired');
			expect(await h.db.selectFrom('users').select('id').execute()).toHaveLength(1);
		});

		it('IN3: a workshop lead gets exactly the sessions the invite names and no more', async () => {
			const { o, ev } = await ownerWithEvent();
			const w1 = await events.createSession(ev.id, session('W1', 'workshop'), o.id, t.deps);
			const w2 = await events.createSession(ev.id, session('W2', 'workshop'), o.id, t.deps);
			await rejects(invites.createInvite({ eventId: ev.id, role: 'workshop_lead', sessionIds: [] }, o.id, t.deps), 'invalid_payload');
			const { token } = await invites.createInvite({ eventId: ev.id, role: 'workshop_lead', sessionIds: [w1.id] }, o.id, t.deps);
			const acc = await invites.acceptInvite(token, { email: 'lead@x.de', name: 'Lea', password: PASSWORD }, t.deps);
			expect(acc.sessionToken).toBeTruthy();
			expect(await loadAccess(acc.userId, ev.id, t.deps)).toEqual({ eventId: ev.id, role: 'workshop_lead', sessionIds: [w1.id] });
			const members = await invites.listMembers(ev.id, o.id, t.deps);
			expect(members.find((m) => m.userId === acc.userId)).toMatchObject({ role: 'workshop_lead', sessionIds: [w1.id] });
			expect(w2.id).not.toBe(w1.id);
		});

		it('IN3: sessions of another event cannot be put into an invite', async () => {
			const { o, ev } = await ownerWithEvent();
			const other = await events.createEvent({ ...EVENT, title: 'Other' }, { userId: o.id, isAdmin: true }, t.deps);
			const foreign = await events.createSession(other.id, session('F', 'workshop'), o.id, t.deps);
			await rejects(invites.createInvite({ eventId: ev.id, role: 'workshop_lead', sessionIds: [foreign.id] }, o.id, t.deps), 'invalid_payload');
		});
	});

	describe('participants', () => {
		it('PA1: joining needs no personal data, stores only the token hash and the channel from the link', async () => {
			const { ev } = await ownerWithEvent();
			const { token, participant } = await participants.joinEvent({ eventId: ev.id, via: 'online' }, t.deps);
			expect(participant).toMatchObject({ displayName: null, channel: 'online' });
			const row = await h.db.selectFrom('participants').selectAll().executeTakeFirstOrThrow();
			expect(row.token_hash).toBe(hashToken(token));
			expect(JSON.stringify(row)).not.toContain(token);
			expect(Object.keys(row).sort()).toEqual(['channel', 'created_at', 'display_name', 'event_id', 'id', 'joined_via', 'token_hash']);
		});

		it('PA2: the name and the channel can be changed; the original channel is kept as joined_via', async () => {
			const { ev } = await ownerWithEvent();
			const { participant } = await participants.joinEvent({ eventId: ev.id, via: 'room', displayName: '  Anna  ' }, t.deps);
			expect(participant.displayName).toBe('Anna');
			const p = await participants.updateParticipant(participant.id, { channel: 'online', displayName: '' }, t.deps);
			expect(p).toMatchObject({ channel: 'online', displayName: null });
			expect((await h.db.selectFrom('participants').select('joined_via').executeTakeFirstOrThrow()).joined_via).toBe('room');
			await rejects(participants.updateParticipant(participant.id, { displayName: 'x'.repeat(61) }, t.deps), 'invalid_payload');
		});

		it('S3: a participant token is worthless for another event', async () => {
			const { o, ev } = await ownerWithEvent();
			const other = await events.createEvent({ ...EVENT, title: 'Other' }, { userId: o.id, isAdmin: true }, t.deps);
			const { token } = await participants.joinEvent({ eventId: ev.id, via: 'room' }, t.deps);
			expect(await participants.participantByToken(token, ev.id, t.deps)).not.toBeNull();
			expect(await participants.participantByToken(token, other.id, t.deps)).toBeNull();
		});
	});

	describe('stage', () => {
		it('ST1: every change gets the next version and is published after it is committed', async () => {
			const { o, ev } = await ownerWithEvent();
			const s = await events.createSession(ev.id, session('A'), o.id, t.deps);
			expect(await stage.getStage(s.id, t.deps)).toEqual({ sessionId: s.id, version: 0, state: { mode: 'idle' } });
			const v1 = await stage.setStage(s.id, { mode: 'idle' }, 0, t.deps);
			const v2 = await stage.setStage(s.id, { mode: 'idle' }, undefined, t.deps);
			expect([v1.version, v2.version]).toEqual([1, 2]);
			expect(t.publisher.stage.map((x) => x.version)).toEqual([1, 2]);
			expect((await stage.getStage(s.id, t.deps)).version).toBe(2);
		});

		it('ST1: a change based on an old version is refused as stale_version and changes nothing', async () => {
			const { o, ev } = await ownerWithEvent();
			const s = await events.createSession(ev.id, session('A'), o.id, t.deps);
			await stage.setStage(s.id, { mode: 'idle' }, 0, t.deps);
			await rejects(stage.setStage(s.id, { mode: 'idle' }, 0, t.deps), 'stale_version');
			expect((await stage.getStage(s.id, t.deps)).version).toBe(1);
			expect(t.publisher.stage).toHaveLength(1);
		});

		it('ST1: concurrent changes never reuse a version', async () => {
			const { o, ev } = await ownerWithEvent();
			const s = await events.createSession(ev.id, session('A'), o.id, t.deps);
			const results = await Promise.allSettled(Array.from({ length: 10 }, () => stage.setStage(s.id, { mode: 'idle' }, undefined, t.deps)));
			const versions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.version] : []));
			expect(new Set(versions).size).toBe(versions.length);
			expect((await stage.getStage(s.id, t.deps)).version).toBe(Math.max(...versions));
		});

		it('ST3: stage links verify only for their session and die when rotated', async () => {
			const { o, ev } = await ownerWithEvent();
			const a = await events.createSession(ev.id, session('A'), o.id, t.deps);
			const b = await events.createSession(ev.id, session('B'), o.id, t.deps);
			const token = await stage.stageTokenFor(a.id, t.deps);
			expect(await stage.verifyStageToken(a.id, token, t.deps)).toEqual({ eventId: ev.id });
			expect(await stage.verifyStageToken(b.id, token, t.deps)).toBeNull();
			const fresh = await stage.rotateStageToken(a.id, t.deps);
			expect(await stage.verifyStageToken(a.id, token, t.deps)).toBeNull();
			expect(await stage.verifyStageToken(a.id, fresh, t.deps)).toEqual({ eventId: ev.id });
			expect(t.publisher.revoked).toEqual([a.id]);
		});
	});

	describe('API tokens', () => {
		it('AT1/AT2: a token is shown once, stored hashed, resolves to its creator until revoked', async () => {
			const o = await owner();
			const { token, record } = await apiTokens.createApiToken('CMS', o.id, t.deps);
			expect(token.startsWith(apiTokens.API_TOKEN_PREFIX)).toBe(true);
			expect(JSON.stringify(await h.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(token);
			expect((await apiTokens.userByApiToken(token, t.deps))?.id).toBe(o.id);
			await apiTokens.revokeApiToken(record.id, o.id, t.deps);
			expect(await apiTokens.userByApiToken(token, t.deps)).toBeNull();
			await rejects(apiTokens.revokeApiToken(record.id, o.id, t.deps), 'not_found');
		});
	});
});
