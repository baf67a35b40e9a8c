import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import { dateFormat } from '../../shared/intl.ts';

/** How often each process looks for events past their retention date. */
export const RETENTION_SWEEP_MS = 60 * 60_000;

/** The calendar day at `epochMs` in `timeZone`, as 'YYYY-MM-DD' (en-CA writes dates that way). */
export function dayIn(epochMs: number, timeZone: string): string {
	return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMs);
}

/**
 * Deletes every event whose retention date has passed in the event's own time zone (G5): on the
 * retention date the data is still there, the day after it is gone. The whole event goes, as when
 * its owner deletes it — sessions, participants, votes, questions, upvotes, seats, lottery entries,
 * report-backs and idempotency keys all follow by ON DELETE CASCADE — because final tallies,
 * open-text answers and report-backs can hold personal data too. Returns the ids deleted.
 */
export async function purgeExpiredEvents(deps: Pick<Deps, 'db' | 'clock' | 'publisher'>): Promise<string[]> {
	const now = deps.clock.now();
	const rows = await deps.db.selectFrom('events').select(['id', 'retention_on', 'time_zone']).execute();
	const expired = rows.filter((r) => dayIn(now, r.time_zone) > r.retention_on).map((r) => r.id);
	for (const id of expired) {
		await deps.db.deleteFrom('events').where('id', '=', id).execute();
		deps.publisher.eventDeleted(id);
	}
	return expired;
}

/**
 * Sweeps every RETENTION_SWEEP_MS, the first time one interval after the start (a restart never
 * deletes in its first hour what it served before); a failed sweep (database away) is logged and
 * tried again on the next one.
 */
export function startRetentionSweep(deps: Pick<Deps, 'db' | 'clock' | 'publisher'>, log: Logger): () => void {
	const sweep = () =>
		purgeExpiredEvents(deps).then(
			(ids) => {
				if (ids.length) log.info('events past their retention date deleted', { count: ids.length });
			},
			(e: unknown) => log.warn('retention sweep failed', { error: e instanceof Error ? e.message : String(e) })
		);
	const timer = setInterval(() => void sweep(), RETENTION_SWEEP_MS);
	timer.unref();
	return () => clearInterval(timer);
}
