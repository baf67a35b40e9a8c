import { describe, expect, it } from 'vitest';
import { Kysely, sql } from 'kysely';
import { nodeSqliteDialect } from './sqlite-dialect.ts';

/** Counts how often the real node:sqlite database compiles a statement. */
function counted() {
	const { dialect, raw } = nodeSqliteDialect(':memory:');
	let prepares = 0;
	const prepare = raw.prepare.bind(raw);
	raw.prepare = ((text: string) => (prepares++, prepare(text))) as typeof raw.prepare;
	const db = new Kysely<{ t: { id: number; v: string } }>({ dialect });
	return { db, prepares: () => prepares };
}

describe('the node:sqlite dialect', () => {
	it('compiles a query text once and runs it again with new parameters', async () => {
		const { db, prepares } = counted();
		await sql`create table t (id integer primary key, v text)`.execute(db);
		const before = prepares();
		for (let i = 0; i < 5; i++)
			await db
				.insertInto('t')
				.values({ id: i, v: `v${i}` })
				.execute();
		expect(prepares() - before).toBe(1);
		const rows = await db.selectFrom('t').select(['id', 'v']).where('id', '>=', 3).orderBy('id').execute();
		expect(rows).toEqual([
			{ id: 3, v: 'v3' },
			{ id: 4, v: 'v4' }
		]);
		expect((await db.selectFrom('t').select(['id', 'v']).where('id', '>=', 4).orderBy('id').execute()).map((r) => r.v)).toEqual(['v4']);
		expect(prepares() - before).toBe(2);
		expect((await db.selectFrom('t').select('v').where('id', '>=', 4).execute()).map((r) => r.v)).toEqual(['v4']);
		expect(prepares() - before).toBe(3);
		await db.destroy();
	});

	it('keeps at most 500 statements, dropping the least recently used', async () => {
		const { db, prepares } = counted();
		await sql`create table t (id integer primary key, v text)`.execute(db);
		const q = (n: number) =>
			db
				.selectFrom('t')
				.select(sql<number>`${sql.lit(n)}`.as('n'))
				.execute();
		await q(0);
		for (let n = 1; n <= 500; n++) await q(n);
		const before = prepares();
		await q(500); // still kept
		expect(prepares()).toBe(before);
		await q(0); // the oldest, dropped by the 501st
		expect(prepares()).toBe(before + 1);
		await db.destroy();
	});
});
