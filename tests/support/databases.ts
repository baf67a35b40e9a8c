import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../../src/lib/server/db/connect.ts';

/**
 * The PostgreSQL the tests use: the machine's own (127.0.0.1:5432, trust auth) unless
 * TEST_POSTGRES_URL names another. Each suite gets a database of its own, dropped afterwards.
 */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
	name: 'sqlite' | 'postgres';
	open(): Promise<DbHandle & { url: string; drop(): Promise<void> }>;
}

/** A fresh database of its own on `adminUrl` (tests, the API suites on DATABASE_URL, the benchmark's P7); `drop` removes it. */
export async function createPgDatabase(adminUrl = POSTGRES_ADMIN_URL): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `plenum_t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const c = new pg.Client({ connectionString: adminUrl });
			await c.connect();
			await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await c.end();
		}
	};
}

export const sqliteDb: TestDb = {
	name: 'sqlite',
	async open() {
		const h = await openDatabase({ dataDir: ':memory:' });
		return { ...h, url: 'sqlite::memory:', drop: async () => {} };
	}
};

export const postgresDb: TestDb = {
	name: 'postgres',
	async open() {
		const pgdb = await createPgDatabase();
		const h = await openDatabase({ databaseUrl: pgdb.url, dataDir: ':memory:' });
		return { ...h, url: pgdb.url, drop: async () => pgdb.drop() };
	}
};

/** Both engines, always: CI has PostgreSQL, and so does every development machine here. */
export const ALL_DBS: TestDb[] = [sqliteDb, postgresDb];

/** Every table, children first; a suite sharing one database empties them before each test. */
const TABLES_CHILDREN_FIRST = [
	'idempotency_keys',
	'report_backs',
	'lottery_entries',
	'seats',
	'board_workshops',
	'boards',
	'question_upvotes',
	'questions',
	'poll_votes',
	'polls',
	'stage_states',
	'participants',
	'lead_sessions',
	'invites',
	'memberships',
	'join_codes',
	'event_sessions',
	'events',
	'api_tokens',
	'auth_sessions',
	'users',
	'settings'
];

export async function emptyAllTables(db: DbHandle['db']): Promise<void> {
	for (const table of TABLES_CHILDREN_FIRST) await sql.raw(`DELETE FROM ${table}`).execute(db);
}
