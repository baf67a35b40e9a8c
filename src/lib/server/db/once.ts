import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import type { Db } from './connect.ts';
import { isTransientConflict, isUniqueViolation, retryWhen } from './unique.ts';

/** Upper bound on an idempotency key: a UUID is 36 characters. */
export const KEY_MIN = 8;
export const KEY_MAX = 64;

type Stored<R> = { op: string; data: R };

/**
 * Runs one participant action exactly once per idempotency key (Q2, B8; like P3 for votes): in one
 * transaction the key is looked up — a repeat gets the first answer unchanged and changes
 * nothing — else the action runs and its answer is stored under the key. The caller acknowledges
 * after this returns, i.e. after the commit, and `after` (publishing) runs only for a first run.
 * Two sends that race past the lookup are settled by the key's primary key: the loser runs again
 * and finds the winner's answer. A key used before for another kind of action is refused.
 */
export async function once<R>(
	participantId: string,
	key: string,
	op: string,
	deps: Pick<Deps, 'db' | 'clock'>,
	run: (trx: Db) => Promise<{ data: R; after?: () => void }>
): Promise<R> {
	if (key.length < KEY_MIN || key.length > KEY_MAX) throw new AppError('invalid_payload', `idempotency key of ${KEY_MIN} to ${KEY_MAX} characters required`);
	const outcome = await retryWhen(
		() =>
			deps.db.transaction().execute(async (trx) => {
				const seen = await trx
					.selectFrom('idempotency_keys')
					.select('result')
					.where('participant_id', '=', participantId)
					.where('key', '=', key)
					.executeTakeFirst();
				if (seen) {
					const stored = JSON.parse(seen.result) as Stored<R>;
					if (stored.op !== op) throw new AppError('invalid_payload', 'this idempotency key was used for another action');
					return { data: stored.data, after: undefined };
				}
				const res = await run(trx);
				await trx
					.insertInto('idempotency_keys')
					.values({ participant_id: participantId, key, result: JSON.stringify({ op, data: res.data } satisfies Stored<R>), created_at: deps.clock.now() })
					.execute();
				return res;
			}),
		(e) => isUniqueViolation(e) || isTransientConflict(e),
		5
	);
	outcome.after?.();
	return outcome.data;
}
