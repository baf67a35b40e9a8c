/**
 * A PostgreSQL deadlock (40P01) or serialization failure (40001): the transaction was rolled back
 * as a whole and may simply run again.
 */
export function isTransientConflict(e: unknown): boolean {
	const code = (e as { code?: unknown })?.code;
	return code === '40P01' || code === '40001';
}

/** Did the database refuse a write because of a unique key (PostgreSQL 23505, SQLite's message)? */
export function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: unknown; message?: unknown };
	return err?.code === '23505' || (typeof err?.message === 'string' && err.message.includes('UNIQUE constraint failed'));
}

/**
 * Runs a whole transaction again, a few times, while it fails in a way that running it again
 * settles: a race lost to a unique key (the rerun sees the winner's row) or a transient conflict.
 */
export async function retryWhen<T>(run: () => Promise<T>, retry: (e: unknown) => boolean, attempts: number): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await run();
		} catch (e) {
			if (attempt >= attempts || !retry(e)) throw e;
		}
	}
}

/** Runs a whole transaction again after a transient conflict (see isTransientConflict), a few times. */
export function retryTransient<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
	return retryWhen(run, isTransientConflict, attempts);
}
