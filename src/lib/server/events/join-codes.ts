import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/join-code.ts';
import type { Db } from '../db/connect.ts';

export function randomJoinCode(): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
	return code;
}

/**
 * Draws a code unique across events and sessions (J1), so one box at `/` resolves both. The
 * caller inserts it into join_codes in the same transaction; the primary key there turns a race
 * between two drawers into an error instead of a duplicate. Collisions are rare (887 M codes).
 */
export async function drawFreeJoinCode(trx: Db): Promise<string> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const code = randomJoinCode();
		const taken = await trx.selectFrom('join_codes').select('code').where('code', '=', code).executeTakeFirst();
		if (!taken) return code;
	}
	throw new Error('could not find a free join code in 20 attempts');
}

export async function resolveJoinCode(db: Db, code: string): Promise<{ eventId: string; sessionId: string | null } | null> {
	const row = await db.selectFrom('join_codes').select(['event_id', 'session_id']).where('code', '=', code).executeTakeFirst();
	return row ? { eventId: row.event_id, sessionId: row.session_id } : null;
}
