/** Did the database refuse a write because of a unique key (PostgreSQL 23505, SQLite's message)? */
export function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: unknown; message?: unknown };
	return err?.code === '23505' || (typeof err?.message === 'string' && err.message.includes('UNIQUE constraint failed'));
}
