import { AppError } from '../errors.ts';
import { hashToken, newId, newToken } from '../ids.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { createSession, createUser, type User } from '../auth/service.ts';
import { listSessions } from '../events/service.ts';

/** An invite link is valid for 7 days by default (IN2): long enough for e-mail round trips. */
export const INVITE_TTL_MS = 7 * 24 * 3600_000;
export type InviteRole = 'moderator' | 'workshop_lead';

export interface InviteRecord {
	id: string;
	eventId: string;
	eventTitle: string;
	role: InviteRole;
	sessionIds: string[];
	expiresAt: number;
	usedAt: number | null;
}

export async function createInvite(
	input: { eventId: string; role: InviteRole; sessionIds: string[]; ttlMs?: number },
	userId: string,
	deps: Pick<Deps, 'db' | 'clock'>
): Promise<{ token: string; invite: InviteRecord }> {
	await requireAccess(userId, input.eventId, 'event:manage', deps);
	const sessionIds = input.role === 'workshop_lead' ? [...new Set(input.sessionIds)] : [];
	if (input.role === 'workshop_lead') {
		if (sessionIds.length === 0) throw new AppError('invalid_payload', 'a workshop lead invite names at least one session');
		const known = new Set((await listSessions(input.eventId, deps)).map((s) => s.id));
		if (!sessionIds.every((id) => known.has(id))) throw new AppError('invalid_payload', 'a session does not belong to this event');
	}
	const token = newToken();
	const now = deps.clock.now();
	const row = {
		id: newId(),
		token_hash: hashToken(token),
		event_id: input.eventId,
		role: input.role,
		session_ids: JSON.stringify(sessionIds),
		expires_at: now + (input.ttlMs ?? INVITE_TTL_MS),
		used_at: null,
		used_by: null,
		created_by: userId,
		created_at: now
	};
	await deps.db.insertInto('invites').values(row).execute();
	return { token, invite: await getInviteById(row.id, deps) };
}

async function getInviteById(id: string, deps: Pick<Deps, 'db'>): Promise<InviteRecord> {
	const r = await deps.db
		.selectFrom('invites')
		.innerJoin('events', 'events.id', 'invites.event_id')
		.selectAll('invites')
		.select('events.title')
		.where('invites.id', '=', id)
		.executeTakeFirstOrThrow();
	return {
		id: r.id,
		eventId: r.event_id,
		eventTitle: r.title,
		role: r.role as InviteRole,
		sessionIds: JSON.parse(r.session_ids) as string[],
		expiresAt: r.expires_at,
		usedAt: r.used_at
	};
}

export async function listInvites(eventId: string, userId: string, deps: Pick<Deps, 'db'>): Promise<InviteRecord[]> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	const rows = await deps.db.selectFrom('invites').select('id').where('event_id', '=', eventId).orderBy('created_at', 'desc').execute();
	return Promise.all(rows.map((r) => getInviteById(r.id, deps)));
}

export async function revokeInvite(inviteId: string, userId: string, deps: Pick<Deps, 'db'>): Promise<void> {
	const inv = await getInviteById(inviteId, deps).catch(() => null);
	if (!inv) throw new AppError('not_found', 'invite not found');
	await requireAccess(userId, inv.eventId, 'event:manage', deps);
	await deps.db.deleteFrom('invites').where('id', '=', inviteId).execute();
}

/** Looks an invite up by its token for the invite page; `expired` once used or past its date (IN1, IN2). */
export async function peekInvite(token: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<InviteRecord> {
	const row = await deps.db.selectFrom('invites').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirst();
	if (!row) throw new AppError('not_found', 'invite not found');
	const inv = await getInviteById(row.id, deps);
	if (inv.usedAt !== null) throw new AppError('expired', 'this invite has been used');
	if (deps.clock.now() >= inv.expiresAt) throw new AppError('expired', 'this invite has expired');
	return inv;
}

/**
 * Redeems an invite: creates the account (or uses the signed-in one), grants exactly the role and
 * sessions the invite names (IN3), and marks it used. The conditional update makes it single
 * use even when two browsers redeem it at the same moment (IN1).
 */
export async function acceptInvite(
	token: string,
	who: { existingUserId: string } | { email: string; name: string; password: string },
	deps: Pick<Deps, 'db' | 'clock'>
): Promise<{ user: User | null; userId: string; eventId: string; sessionToken: string | null }> {
	const inv = await peekInvite(token, deps);
	let userId: string;
	let user: User | null = null;
	if ('existingUserId' in who) userId = who.existingUserId;
	else {
		user = await createUser(who, deps);
		userId = user.id;
	}
	const now = deps.clock.now();
	await deps.db.transaction().execute(async (trx) => {
		const res = await trx
			.updateTable('invites')
			.set({ used_at: now, used_by: userId })
			.where('id', '=', inv.id)
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (Number(res.numUpdatedRows) !== 1) throw new AppError('expired', 'this invite has been used');
		const existing = await trx.selectFrom('memberships').select('role').where('event_id', '=', inv.eventId).where('user_id', '=', userId).executeTakeFirst();
		if (existing?.role === 'owner') return; // an owner keeps owning; the invite adds nothing
		if (existing)
			await trx
				.updateTable('memberships')
				.set({ role: strongest(existing.role as InviteRole, inv.role) })
				.where('event_id', '=', inv.eventId)
				.where('user_id', '=', userId)
				.execute();
		else await trx.insertInto('memberships').values({ event_id: inv.eventId, user_id: userId, role: inv.role, created_at: now }).execute();
		for (const sid of inv.sessionIds) {
			const has = await trx.selectFrom('lead_sessions').select('session_id').where('user_id', '=', userId).where('session_id', '=', sid).executeTakeFirst();
			if (!has) await trx.insertInto('lead_sessions').values({ event_id: inv.eventId, user_id: userId, session_id: sid }).execute();
		}
	});
	const sessionToken = user ? (await createSession(userId, deps)).token : null;
	return { user, userId, eventId: inv.eventId, sessionToken };
}

function strongest(a: InviteRole, b: InviteRole): InviteRole {
	return a === 'moderator' || b === 'moderator' ? 'moderator' : 'workshop_lead';
}

export interface MemberRecord {
	userId: string;
	name: string;
	email: string;
	role: string;
	sessionIds: string[];
}

export async function listMembers(eventId: string, userId: string, deps: Pick<Deps, 'db'>): Promise<MemberRecord[]> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	const rows = await deps.db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.user_id')
		.select(['users.id', 'users.name', 'users.email', 'memberships.role'])
		.where('memberships.event_id', '=', eventId)
		.orderBy('users.name')
		.execute();
	const leads = await deps.db.selectFrom('lead_sessions').select(['user_id', 'session_id']).where('event_id', '=', eventId).execute();
	return rows.map((r) => ({
		userId: r.id,
		name: r.name,
		email: r.email,
		role: r.role,
		sessionIds: leads.filter((l) => l.user_id === r.id).map((l) => l.session_id)
	}));
}

/** Removes a moderator or workshop lead from the event; owners cannot be removed this way. */
export async function removeMember(eventId: string, memberId: string, userId: string, deps: Pick<Deps, 'db'>): Promise<void> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	await deps.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('memberships').where('event_id', '=', eventId).where('user_id', '=', memberId).where('role', '!=', 'owner').execute();
		await trx.deleteFrom('lead_sessions').where('event_id', '=', eventId).where('user_id', '=', memberId).execute();
	});
}
