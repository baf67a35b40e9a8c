/**
 * Processes of a scaled-out install may start at the same moment on an empty PostgreSQL database
 * (a compose file brings them up together): they must not run the same migration twice.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/lib/server/db/connect.ts';
import { migrations } from '../../src/lib/server/db/migrations.ts';
import { POSTGRES_ADMIN_URL } from '../support/databases.ts';

async function admin(query: string): Promise<void> {
	const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
	await c.connect();
	await c.query(query);
	await c.end();
}

describe('migrations', () => {
	it('OP2: four processes starting at once on an empty PostgreSQL database migrate it once', async () => {
		const name = `plenum_t_${randomBytes(6).toString('hex')}`;
		await admin(`CREATE DATABASE ${name}`);
		try {
			const url = new URL(POSTGRES_ADMIN_URL);
			url.pathname = `/${name}`;
			const handles = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ databaseUrl: url.toString(), dataDir: ':memory:', poolSize: 2 })));
			const rows = await handles[0]!.db
				.selectFrom('plenum_migrations' as never)
				.select('id' as never)
				.execute();
			expect(rows.length).toBe(migrations.length);
			for (const h of handles) await h.close();
		} finally {
			await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	});
});
