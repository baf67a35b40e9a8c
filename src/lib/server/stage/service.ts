import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { IDLE_STAGE, type StageState } from '../../shared/stage.ts';
import type { StageSnapshot } from '../../shared/protocol.ts';

/**
 * Stage links carry a token derived from the server secret, the session id and a key number
 * (ST3). Deriving instead of storing lets staff see the link again at any time; bumping the key
 * number ("new stage link") invalidates every old link at once.
 */
export function stageToken(secret: string, sessionId: string, stageKey: number): string {
	return createHmac('sha256', secret).update(`stage:${sessionId}:${stageKey}`).digest('base64url').slice(0, 32);
}

export async function verifyStageToken(sessionId: string, token: string, deps: Pick<Deps, 'db' | 'secret'>): Promise<{ eventId: string } | null> {
	const row = await deps.db.selectFrom('event_sessions').select(['event_id', 'stage_key']).where('id', '=', sessionId).executeTakeFirst();
	if (!row) return null;
	const expected = Buffer.from(stageToken(deps.secret, sessionId, row.stage_key));
	const given = Buffer.from(token);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	return { eventId: row.event_id };
}

export async function stageTokenFor(sessionId: string, deps: Pick<Deps, 'db' | 'secret'>): Promise<string> {
	const row = await deps.db.selectFrom('event_sessions').select('stage_key').where('id', '=', sessionId).executeTakeFirst();
	if (!row) throw new AppError('not_found', 'session not found');
	return stageToken(deps.secret, sessionId, row.stage_key);
}

/** Invalidates the old stage link; connected stage screens are told and stop showing anything. */
export async function rotateStageToken(sessionId: string, deps: Pick<Deps, 'db' | 'secret' | 'publisher'>): Promise<string> {
	const row = await deps.db.selectFrom('event_sessions').select('stage_key').where('id', '=', sessionId).executeTakeFirst();
	if (!row) throw new AppError('not_found', 'session not found');
	await deps.db
		.updateTable('event_sessions')
		.set({ stage_key: row.stage_key + 1 })
		.where('id', '=', sessionId)
		.execute();
	deps.publisher.stageLinkRevoked(sessionId);
	return stageToken(deps.secret, sessionId, row.stage_key + 1);
}

/** The current stage state; a session that never had one is idle at version 0. */
export async function getStage(sessionId: string, deps: Pick<Deps, 'db'>): Promise<StageSnapshot> {
	const row = await deps.db.selectFrom('stage_states').select(['version', 'state']).where('session_id', '=', sessionId).executeTakeFirst();
	if (!row) return { sessionId, version: 0, state: IDLE_STAGE };
	return { sessionId, version: Number(row.version), state: JSON.parse(row.state) as StageState };
}

/**
 * Persists a new stage state with the next version (ST1), then publishes it. With
 * `expectedVersion` a moderator's change based on an outdated view is refused (`stale_version`)
 * instead of silently overwriting a colleague's newer choice.
 */
export async function setStage(
	sessionId: string,
	state: StageState,
	expectedVersion: number | undefined,
	deps: Pick<Deps, 'db' | 'clock' | 'publisher'>
): Promise<StageSnapshot> {
	const snapshot = await deps.db.transaction().execute(async (trx) => {
		const row = await trx.selectFrom('stage_states').select('version').where('session_id', '=', sessionId).executeTakeFirst();
		const current = row ? Number(row.version) : 0;
		if (expectedVersion !== undefined && expectedVersion !== current) throw new AppError('stale_version', `the stage is at version ${current}`);
		const next = current + 1;
		const values = { state: JSON.stringify(state), version: next, updated_at: deps.clock.now() };
		if (row) {
			const res = await trx.updateTable('stage_states').set(values).where('session_id', '=', sessionId).where('version', '=', current).executeTakeFirst();
			if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale_version', 'the stage changed meanwhile');
		} else
			await trx
				.insertInto('stage_states')
				.values({ session_id: sessionId, ...values })
				.execute();
		return { sessionId, version: next, state };
	});
	deps.publisher.stageChanged(snapshot);
	return snapshot;
}
