import { sql } from 'kysely';
import type { Deps } from '../deps.ts';

/**
 * How many participants have ranked workshops on a lottery board (B6), for the organiser's view
 * before the draw. A count only: who chose what stays in the database until the draw reads it.
 */
export async function countEntries(boardId: string, deps: Pick<Deps, 'db'>): Promise<number> {
	const row = await deps.db
		.selectFrom('lottery_entries')
		.select(sql<number>`count(*)`.as('n'))
		.where('board_id', '=', boardId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
