import { AppError } from '../errors.ts';
import { hashToken, newId, newToken } from '../ids.ts';
import type { Deps } from '../deps.ts';
import type { User } from '../auth/service.ts';

/** API tokens are shown once, stored as hashes, and act with their creator's rights (AT1). */
export const API_TOKEN_PREFIX = 'plm_';

export interface ApiTokenRecord {
	id: string;
	name: string;
	createdAt: number;
	lastUsedAt: number | null;
	revokedAt: number | null;
}

export async function createApiToken(name: string, userId: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<{ token: string; record: ApiTokenRecord }> {
	const clean = name.trim();
	if (clean.length < 1 || clean.length > 100) throw new AppError('invalid_payload', 'a token needs a name of 1 to 100 characters');
	const token = API_TOKEN_PREFIX + newToken();
	const row = { id: newId(), token_hash: hashToken(token), name: clean, user_id: userId, created_at: deps.clock.now(), last_used_at: null, revoked_at: null };
	await deps.db.insertInto('api_tokens').values(row).execute();
	return { token, record: { id: row.id, name: clean, createdAt: row.created_at, lastUsedAt: null, revokedAt: null } };
}

export async function listApiTokens(userId: string, deps: Pick<Deps, 'db'>): Promise<ApiTokenRecord[]> {
	const rows = await deps.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
	return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

export async function revokeApiToken(id: string, userId: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<void> {
	const res = await deps.db
		.updateTable('api_tokens')
		.set({ revoked_at: deps.clock.now() })
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (Number(res.numUpdatedRows) !== 1) throw new AppError('not_found', 'token not found or already revoked');
}

/** Resolves a bearer token to its user; revoked or unknown tokens give null (AT2). */
export async function userByApiToken(token: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<User | null> {
	if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return null;
	const r = await deps.db
		.selectFrom('api_tokens')
		.innerJoin('users', 'users.id', 'api_tokens.user_id')
		.select(['api_tokens.id as token_id', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.id', 'users.email', 'users.name', 'users.is_admin'])
		.where('api_tokens.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!r || r.revoked_at !== null) return null;
	const now = deps.clock.now();
	// Record use at most once a minute: a busy integration should not turn every read into a write.
	if (r.last_used_at === null || now - r.last_used_at > 60_000)
		await deps.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', r.token_id).execute();
	return { id: r.id, email: r.email, name: r.name, isAdmin: r.is_admin === 1 };
}
