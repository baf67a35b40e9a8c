/**
 * G6 of quality.md: data minimisation in the schema itself. Nothing about the audience holds an
 * IP address, a user agent or an email address — on either engine, as migrated. Staff accounts
 * (users) have an email to log in with; that is the one allowed place.
 */
import { describe, expect, it } from 'vitest';
import { ALL_DBS } from '../support/databases.ts';

/** Column names that would hold who someone is or where they connect from. */
const IDENTIFYING = /(^|_)(ip|ip_?addr(ess)?|remote_?addr|user_?agent|ua|email|e_?mail|phone|address|location|device|fingerprint)$/i;
/** Where an email is needed: staff log in with one. */
const ALLOWED = new Set(['users.email']);

describe.each(ALL_DBS)('minimisation on $name (G6)', (engine) => {
	it('G6: no table holds an IP address, user agent or email column, except staff accounts', async () => {
		const h = await engine.open();
		try {
			const tables = await h.db.introspection.getTables();
			const names = tables.map((t) => t.name);
			// The audience's own tables exist (a renamed table must not slip past the check).
			for (const t of ['participants', 'poll_votes', 'questions', 'question_upvotes', 'seats', 'idempotency_keys']) expect(names).toContain(t);
			const found = tables.flatMap((t) => t.columns.filter((c) => IDENTIFYING.test(c.name)).map((c) => `${t.name}.${c.name}`));
			expect(found.filter((c) => !ALLOWED.has(c))).toEqual([]);
			expect(found).toContain('users.email');
		} finally {
			await h.close();
			await h.drop();
		}
	});
});
