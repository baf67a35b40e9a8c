import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { nodeSqliteDialect } from './sqlite-dialect.ts';
import { migrations } from './migrations.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

// int8 columns (epoch milliseconds) come back from pg as strings by default; every value we
// store fits in a double, so parse them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * A database out of reach fails a request within 2 s (D5) instead of hanging; a query that gets
 * no answer (a silently dropped link) gives up after 15 s. Set on the client, not the pool: the
 * pool's own timeout would also end requests that merely wait for a free connection in a burst.
 */
class FastFailClient extends pg.Client {
	constructor(config: pg.ClientConfig = {}) {
		super({ ...config, connectionTimeoutMillis: 2000, query_timeout: 15_000 });
		// A checked-out client whose connection dies emits 'error' (pg-pool listens only while it
		// is idle); its query already fails with that error, so the event must not end the process.
		this.on('error', () => {});
	}
}

export interface DbHandle {
	db: Db;
	kind: DbKind;
	close(): Promise<void>;
}

/** Opens PostgreSQL when `databaseUrl` is a postgres URL, else SQLite at `<dataDir>/plenum.db` (or `:memory:`). */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<DbHandle> {
	const url = opts.databaseUrl ?? '';
	if (/^postgres(ql)?:\/\//.test(url)) {
		const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, Client: FastFailClient });
		// An idle client whose server went away emits 'error' on the pool; without a listener
		// that would crash the process. The next query reports the outage instead.
		pool.on('error', () => {});
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
		await migrate(db, 'postgres');
		return { db, kind: 'postgres', close: () => db.destroy() };
	}
	let path = ':memory:';
	if (url.startsWith('sqlite:')) path = url.slice('sqlite:'.length) || ':memory:';
	else if (opts.dataDir !== ':memory:') {
		mkdirSync(opts.dataDir, { recursive: true });
		path = join(opts.dataDir, 'plenum.db');
	}
	const { dialect } = nodeSqliteDialect(path);
	const db = new Kysely<Database>({ dialect });
	await migrate(db);
	return { db, kind: 'sqlite', close: () => db.destroy() };
}

/** Any constant: the advisory lock that lets one process at a time migrate a PostgreSQL database. */
const MIGRATION_LOCK = 7_406_771;

/**
 * Runs every migration not yet recorded, each in its own transaction. On PostgreSQL each
 * transaction first takes an advisory lock and looks again: processes of a scaled-out install that
 * start at once wait for each other instead of running the same migration twice.
 */
export async function migrate(db: Db, kind: DbKind = 'sqlite'): Promise<void> {
	const exclusive = async (trx: Db) => {
		if (kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
	};
	await db.transaction().execute(async (trx) => {
		await exclusive(trx);
		await sql`CREATE TABLE IF NOT EXISTS plenum_migrations (id text PRIMARY KEY, applied_at bigint NOT NULL)`.execute(trx);
	});
	const done = await sql<{ id: string }>`SELECT id FROM plenum_migrations`.execute(db);
	const applied = new Set(done.rows.map((r) => r.id));
	for (const m of migrations) {
		if (applied.has(m.id)) continue;
		await db.transaction().execute(async (trx) => {
			await exclusive(trx);
			const again = await sql`SELECT 1 FROM plenum_migrations WHERE id = ${m.id}`.execute(trx);
			if (again.rows.length > 0) return;
			for (const s of m.statements) await sql.raw(s).execute(trx);
			await sql`INSERT INTO plenum_migrations (id, applied_at) VALUES (${m.id}, ${Date.now()})`.execute(trx);
		});
	}
}
