import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { SqliteDialect } from 'kysely';

/** Prepared statements kept per database: the queries Plenum runs are a few hundred distinct texts. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SqliteDialect expects a better-sqlite3-shaped database. node:sqlite is built into
 * Node 24 and needs no native build (see docs/decisions/0002-node-sqlite.md), so this adapter
 * bridges the two: `reader` tells Kysely whether to call `all()` or `run()`.
 */
export function nodeSqliteDialect(path: string): { dialect: SqliteDialect; raw: DatabaseSync } {
	const raw = new DatabaseSync(path, { timeout: 5000 });
	// WAL lets readers run beside the single writer; NORMAL sync is durable across a process
	// crash (only an OS crash can lose the last transactions), foreign keys are off by default.
	if (path !== ':memory:') raw.exec('PRAGMA journal_mode = WAL');
	raw.exec('PRAGMA synchronous = NORMAL');
	raw.exec('PRAGMA foreign_keys = ON');
	// Kysely prepares every query afresh; compiling the same SQL again cost 0.1 ms per vote in the
	// vote storm's CPU profile (issue 7). Statements are kept by their text, the oldest dropped first.
	const cache = new Map<string, { stmt: StatementSync; reader: boolean }>();
	const prepared = (sql: string) => {
		let hit = cache.get(sql);
		if (hit) {
			cache.delete(sql);
		} else {
			const stmt = raw.prepare(sql);
			hit = { stmt, reader: stmt.columns().length > 0 };
			if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
		}
		cache.set(sql, hit);
		return hit;
	};
	const database = {
		close: () => raw.close(),
		prepare(sql: string) {
			const { stmt, reader } = prepared(sql);
			return {
				reader,
				all: (params: readonly unknown[]) => stmt.all(...(params as SQLInputValue[])),
				run: (params: readonly unknown[]) => {
					const r = stmt.run(...(params as SQLInputValue[]));
					return { changes: Number(r.changes), lastInsertRowid: Number(r.lastInsertRowid) };
				},
				iterate: (params: readonly unknown[]) => stmt.iterate(...(params as SQLInputValue[]))
			};
		}
	};
	// The cast is the seam between two structurally compatible interfaces; Kysely only calls
	// the four members defined above.
	return { dialect: new SqliteDialect({ database: database as never }), raw };
}
