import type { Deps } from '../deps.ts';
import type { SessionRecord } from '../events/service.ts';
import { listAnswers, pollResults, type FinalTally, type PollRecord } from '../polls/service.ts';
import { tallySplit } from '../polls/tally.ts';
import { exportAnswer, type ExportedAnswer } from './answers.ts';

/** Everything an export writes about one poll. */
export interface PollExport {
	poll: PollRecord;
	session: { id: string; title: string };
	results: FinalTally;
	answers: ExportedAnswer[];
}

/**
 * Loads the answers and results of the given polls. Exports work at any time, also while a poll
 * is open: the answers are read once and the results of a poll that is not closed are counted
 * from exactly those answers, so the file agrees with itself even while votes come in. A closed
 * poll shows its stored final tally (P4), which holds the same votes.
 */
export async function collectPollExports(polls: readonly PollRecord[], sessions: readonly SessionRecord[], deps: Pick<Deps, 'db'>): Promise<PollExport[]> {
	const titles = new Map(sessions.map((s) => [s.id, s.title]));
	const out: PollExport[] = [];
	// One poll after the other: an event export must not hold the database's only connection
	// (SQLite) or the whole pool (PostgreSQL) against the votes of a running session.
	for (const poll of polls) {
		const rows = await listAnswers(poll.id, deps);
		const results = poll.state === 'closed' ? await pollResults(poll, deps) : tallySplit(poll, rows);
		out.push({
			poll,
			session: { id: poll.sessionId, title: titles.get(poll.sessionId) ?? '' },
			results,
			answers: rows.map((r) => exportAnswer(poll, r))
		});
	}
	return out;
}
