import { AppError } from '../errors.ts';
import { hashToken, newId, newToken } from '../ids.ts';
import type { Deps } from '../deps.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';

/** Sliding expiry as in Lucia's session guide: 30 days, renewed when less than 15 days are left. */
export const SESSION_TTL_MS = 30 * 24 * 3600_000;
const SESSION_RENEW_MS = 15 * 24 * 3600_000;

export interface User {
	id: string;
	email: string;
	name: string;
	isAdmin: boolean;
}
export interface AuthSession {
	id: string;
	userId: string;
	expiresAt: number;
}

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

function checkPassword(password: string): void {
	if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('invalid_payload', `password must have at least ${MIN_PASSWORD_LENGTH} characters`);
	if (password.length > 512) throw new AppError('invalid_payload', 'password is too long');
}

export async function hasAnyUser(deps: Pick<Deps, 'db'>): Promise<boolean> {
	const row = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	return row !== undefined;
}

/**
 * Creates the first account (AU1: only while no account exists). The check and the insert run in
 * one transaction, so two setup forms sent at once cannot both create an owner.
 */
export async function createOwner(input: { email: string; name: string; password: string }, deps: Pick<Deps, 'db' | 'clock'>): Promise<User> {
	checkPassword(input.password);
	const hash = await hashPassword(input.password);
	try {
		return await deps.db.transaction().execute(async (trx) => {
			const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
			if (any) throw new AppError('conflict', 'an owner account exists already');
			const user = { id: newId(), email: normalizeEmail(input.email), name: input.name.trim(), password_hash: hash, is_admin: 1, created_at: deps.clock.now() };
			// On PostgreSQL two setups can both pass the check above (read committed); the primary
			// key of this one settings row lets only the first commit, the other waits and fails.
			await trx.insertInto('settings').values({ key: 'owner_created', value: user.id }).execute();
			await trx.insertInto('users').values(user).execute();
			return { id: user.id, email: user.email, name: user.name, isAdmin: true };
		});
	} catch (e) {
		const err = e as { code?: unknown; message?: unknown };
		if (err?.code === '23505' || (typeof err?.message === 'string' && err.message.includes('UNIQUE constraint failed')))
			throw new AppError('conflict', 'an owner account exists already');
		throw e;
	}
}

export async function createUser(input: { email: string; name: string; password: string }, deps: Pick<Deps, 'db' | 'clock'>): Promise<User> {
	checkPassword(input.password);
	const email = normalizeEmail(input.email);
	const existing = await deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
	if (existing) throw new AppError('conflict', 'an account with this email exists already');
	const user = { id: newId(), email, name: input.name.trim(), password_hash: await hashPassword(input.password), is_admin: 0, created_at: deps.clock.now() };
	await deps.db.insertInto('users').values(user).execute();
	return { id: user.id, email, name: user.name, isAdmin: false };
}

/**
 * Checks email and password, rate-limited per account and per IP (AU3) so that neither one
 * address nor one account can be brute-forced. The limiter counts failures and successes alike.
 */
export async function login(input: { email: string; password: string; ip: string }, deps: Deps): Promise<{ token: string; session: AuthSession; user: User }> {
	const email = normalizeEmail(input.email);
	const now = deps.clock.now();
	const waitIp = await deps.limits.loginPerIp.hit(input.ip, now);
	const waitAccount = await deps.limits.loginPerAccount.hit(email, now);
	const wait = Math.max(waitIp, waitAccount);
	if (wait > 0) throw new AppError('rate_limited', 'too many login attempts', wait);
	const row = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
	// Verify against a dummy hash when the account is unknown so timing does not reveal accounts.
	const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
	if (!row || !ok) throw new AppError('unauthenticated', 'wrong email or password');
	await deps.limits.loginPerAccount.reset(email);
	const { token, session } = await createSession(row.id, deps);
	return { token, session, user: { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin === 1 } };
}
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function createSession(userId: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<{ token: string; session: AuthSession }> {
	const token = newToken();
	const session = { id: hashToken(token), userId, expiresAt: deps.clock.now() + SESSION_TTL_MS };
	await deps.db.insertInto('auth_sessions').values({ id: session.id, user_id: userId, expires_at: session.expiresAt, created_at: deps.clock.now() }).execute();
	return { token, session };
}

/**
 * The one session check used by SvelteKit's `handle` and by the socket handshake (AU2).
 * Deletes an expired session; extends one that is past half its lifetime.
 */
export async function validateSessionToken(token: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<{ session: AuthSession; user: User } | null> {
	if (!token || token.length > 100) return null;
	const id = hashToken(token);
	const row = await deps.db
		.selectFrom('auth_sessions')
		.innerJoin('users', 'users.id', 'auth_sessions.user_id')
		.select(['auth_sessions.id', 'auth_sessions.expires_at', 'users.id as user_id', 'users.email', 'users.name', 'users.is_admin'])
		.where('auth_sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const now = deps.clock.now();
	if (now >= row.expires_at) {
		await deps.db.deleteFrom('auth_sessions').where('id', '=', id).execute();
		return null;
	}
	let expiresAt = row.expires_at;
	if (expiresAt - now < SESSION_RENEW_MS) {
		expiresAt = now + SESSION_TTL_MS;
		await deps.db.updateTable('auth_sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
	}
	return {
		session: { id, userId: row.user_id, expiresAt },
		user: { id: row.user_id, email: row.email, name: row.name, isAdmin: row.is_admin === 1 }
	};
}

/** Ends a session; the caller's realtime layer closes that session's sockets (AU4). */
export async function invalidateSession(sessionId: string, deps: Pick<Deps, 'db' | 'publisher'>): Promise<void> {
	await deps.db.deleteFrom('auth_sessions').where('id', '=', sessionId).execute();
	deps.publisher.authSessionEnded(sessionId);
}

export async function setPassword(userId: string, password: string, deps: Pick<Deps, 'db'>): Promise<void> {
	checkPassword(password);
	await deps.db
		.updateTable('users')
		.set({ password_hash: await hashPassword(password) })
		.where('id', '=', userId)
		.execute();
}
