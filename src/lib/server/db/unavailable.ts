/**
 * Is this error the database being out of reach (down, restarting, cut off, full of
 * connections) rather than a bug? Such a failure is answered `unavailable` (D5): the client
 * keeps the action and sends it again with the same idempotency key, so it lands exactly once
 * when the database is back.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
	if (!(e instanceof Error)) return false;
	const code = (e as { code?: unknown }).code;
	if (typeof code === 'string') {
		// PostgreSQL: connection exceptions (08…), shutting down / starting up (57P01–57P03),
		// too many connections (53300); node: refused, reset, timed out; SQLite: busy or locked.
		if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
		if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'ERR_SQLITE_BUSY'].includes(code)) return true;
	}
	return /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Query read timeout|database is locked|SQLITE_BUSY/i.test(
		e.message
	);
}
