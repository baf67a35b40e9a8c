import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { isUniqueViolation, retryWhen } from '../db/unique.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { getSession } from '../events/service.ts';
import type { Answer, PollConfig, PollInput, PollKind, PollOption, PollState, PublicPoll, ResultsVisibility, Tally } from '../../shared/polls.ts';
import { checkAnswer } from './answer.ts';
import { groupable, tallySplit, type VoteRow } from './tally.ts';

export interface PollRecord extends Omit<PublicPoll, 'resultsVisible'> {
	eventId: string;
	position: number;
	resultsVisibility: ResultsVisibility;
	resultsOverride: 'shown' | 'hidden' | null;
	openedAt: number | null;
	closedAt: number | null;
}
export interface FinalTally {
	all: Tally;
	room: Tally;
	online: Tally;
}

type PollRow = {
	id: string;
	session_id: string;
	event_id: string;
	kind: string;
	question: string;
	options: string;
	config: string;
	position: number;
	state: string;
	allow_change: number;
	results_visibility: string;
	results_override: string | null;
	show_names: number;
	opened_at: number | null;
	closed_at: number | null;
};

export function toPoll(r: PollRow): PollRecord {
	return {
		id: r.id,
		sessionId: r.session_id,
		eventId: r.event_id,
		kind: r.kind as PollKind,
		question: r.question,
		options: JSON.parse(r.options) as PollOption[],
		config: JSON.parse(r.config) as PollConfig,
		position: Number(r.position),
		state: r.state as PollState,
		allowChange: r.allow_change === 1,
		resultsVisibility: r.results_visibility as ResultsVisibility,
		resultsOverride: r.results_override as PollRecord['resultsOverride'],
		showNames: r.show_names === 1,
		openedAt: r.opened_at,
		closedAt: r.closed_at
	};
}

/**
 * May the audience see results now (P7)? The moderator's reveal/hide wins; otherwise the poll's
 * setting: live, after close, or never.
 */
export function resultsVisibleToAudience(p: Pick<PollRecord, 'resultsOverride' | 'resultsVisibility' | 'state'>): boolean {
	if (p.resultsOverride) return p.resultsOverride === 'shown';
	return p.resultsVisibility === 'live' || (p.resultsVisibility === 'after_close' && p.state === 'closed');
}

export function toPublic(p: PollRecord): PublicPoll {
	const { id, sessionId, kind, question, options, config, state, allowChange, showNames } = p;
	return { id, sessionId, kind, question, options, config, state, allowChange, showNames, resultsVisible: resultsVisibleToAudience(p) };
}

/** Option ids are short and stable: a reworded option keeps its id, so votes keep their meaning. */
function buildOptions(labels: string[], previous: PollOption[] = []): PollOption[] {
	return labels.map((label, i) => ({ id: previous[i]?.id ?? `o${i + 1}`, label }));
}

function buildConfig(input: PollInput): PollConfig {
	switch (input.kind) {
		case 'multiple':
			return { maxChoices: input.maxChoices ?? input.options.length };
		case 'scale':
			return { scaleMin: input.scaleMin ?? 1, scaleMax: input.scaleMax ?? 5, labelMin: input.labelMin ?? '', labelMax: input.labelMax ?? '' };
		case 'wordcloud':
			return { maxEntries: input.maxEntries ?? 3 };
		case 'open':
			return { moderated: input.moderated ?? true };
		default:
			return {};
	}
}

function columns(input: PollInput, previous?: PollRecord) {
	const hasOptions = input.kind === 'single' || input.kind === 'multiple' || input.kind === 'ranking';
	return {
		kind: input.kind,
		question: input.question,
		options: JSON.stringify(hasOptions ? buildOptions(input.options, previous?.options) : []),
		config: JSON.stringify(buildConfig(input)),
		allow_change: input.allowChange ? 1 : 0,
		results_visibility: input.resultsVisibility,
		show_names: input.showNames ? 1 : 0
	};
}

export async function getPoll(pollId: string, deps: Pick<Deps, 'db'>): Promise<PollRecord> {
	const row = await deps.db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();
	if (!row) throw new AppError('not_found', 'poll not found');
	return toPoll(row);
}

export async function listPolls(sessionId: string, deps: Pick<Deps, 'db'>): Promise<PollRecord[]> {
	const rows = await deps.db.selectFrom('polls').selectAll().where('session_id', '=', sessionId).orderBy('position').execute();
	return rows.map(toPoll);
}

/** The session's open poll, if any (at most one: opening a poll closes the other, P4). */
export async function currentPoll(sessionId: string, deps: Pick<Deps, 'db'>): Promise<PollRecord | null> {
	const row = await deps.db.selectFrom('polls').selectAll().where('session_id', '=', sessionId).where('state', '=', 'open').executeTakeFirst();
	return row ? toPoll(row) : null;
}

/** The open poll, else the most recently closed one: a late joiner still sees the last result. */
export async function currentOrLastClosedPoll(sessionId: string, deps: Pick<Deps, 'db'>): Promise<PollRecord | null> {
	const open = await currentPoll(sessionId, deps);
	if (open) return open;
	const row = await deps.db
		.selectFrom('polls')
		.selectAll()
		.where('session_id', '=', sessionId)
		.where('state', '=', 'closed')
		.orderBy('closed_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? toPoll(row) : null;
}

/** Loads the poll and checks the user moderates its session (AC3). */
export async function requirePollModerator(pollId: string, userId: string, deps: Pick<Deps, 'db'>): Promise<PollRecord> {
	const poll = await getPoll(pollId, deps);
	await requireAccess(userId, poll.eventId, 'session:moderate', deps, poll.sessionId);
	return poll;
}

export async function createPoll(sessionId: string, input: PollInput, userId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher'>): Promise<PollRecord> {
	const session = await getSession(sessionId, deps);
	await requireAccess(userId, session.eventId, 'session:moderate', deps, sessionId);
	const now = deps.clock.now();
	const id = newId();
	await deps.db.transaction().execute(async (trx) => {
		const last = await trx
			.selectFrom('polls')
			.select((eb) => eb.fn.max('position').as('max'))
			.where('session_id', '=', sessionId)
			.executeTakeFirst();
		await trx
			.insertInto('polls')
			.values({
				id,
				session_id: sessionId,
				event_id: session.eventId,
				...columns(input),
				position: Number(last?.max ?? 0) + 1,
				state: 'draft',
				results_override: null,
				final_tally: null,
				opened_at: null,
				closed_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
	});
	deps.publisher.pollChanged(sessionId, id);
	return getPoll(id, deps);
}

/** A poll is edited while it is a draft; once people have voted, its meaning must not change. */
export async function updatePoll(pollId: string, input: PollInput, userId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher'>): Promise<PollRecord> {
	const poll = await requirePollModerator(pollId, userId, deps);
	if (poll.state !== 'draft') throw new AppError('conflict', 'only a poll that has not been opened can be edited; reset it first');
	await deps.db
		.updateTable('polls')
		.set({ ...columns(input, poll), updated_at: deps.clock.now() })
		.where('id', '=', pollId)
		.execute();
	deps.publisher.pollChanged(poll.sessionId, pollId);
	return getPoll(pollId, deps);
}

export async function duplicatePoll(pollId: string, userId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher'>): Promise<PollRecord> {
	const p = await requirePollModerator(pollId, userId, deps);
	const input: PollInput = {
		kind: p.kind,
		question: p.question,
		options: p.options.map((o) => o.label),
		...p.config,
		allowChange: p.allowChange,
		resultsVisibility: p.resultsVisibility,
		showNames: p.showNames
	};
	return createPoll(p.sessionId, input, userId, deps);
}

export async function deletePoll(pollId: string, userId: string, deps: Pick<Deps, 'db' | 'publisher'>): Promise<void> {
	const p = await requirePollModerator(pollId, userId, deps);
	await deps.db.deleteFrom('polls').where('id', '=', pollId).execute();
	deps.publisher.pollChanged(p.sessionId, pollId);
}

/** Moves a poll one place up or down among its session's polls (dense positions, like the agenda). */
export async function movePoll(pollId: string, direction: 'up' | 'down', userId: string, deps: Pick<Deps, 'db' | 'publisher'>): Promise<void> {
	const p = await requirePollModerator(pollId, userId, deps);
	await deps.db.transaction().execute(async (trx) => {
		const ids = (await trx.selectFrom('polls').select('id').where('session_id', '=', p.sessionId).orderBy('position').execute()).map((r) => r.id);
		const i = ids.indexOf(pollId);
		const j = direction === 'up' ? i - 1 : i + 1;
		if (j < 0 || j >= ids.length) return;
		[ids[i], ids[j]] = [ids[j]!, ids[i]!];
		for (let k = 0; k < ids.length; k++)
			await trx
				.updateTable('polls')
				.set({ position: k + 1 })
				.where('id', '=', ids[k]!)
				.execute();
	});
	deps.publisher.pollChanged(p.sessionId, pollId);
}

/** Opens a poll; another open poll of the same session is closed first (P4: one poll at a time). */
export async function openPoll(pollId: string, userId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>): Promise<PollRecord> {
	const p = await requirePollModerator(pollId, userId, deps);
	// Refuse before touching anything else: a refused open must not close the running poll.
	if (p.state === 'closed') throw new AppError('conflict', 'a closed poll is reset before it opens again');
	const other = await currentPoll(p.sessionId, deps);
	if (other && other.id !== pollId) await closePollInternal(other.id, deps);
	try {
		await deps.db
			.updateTable('polls')
			.set({ state: 'open', opened_at: deps.clock.now(), updated_at: deps.clock.now() })
			.where('id', '=', pollId)
			.where('state', '=', 'draft')
			.execute();
	} catch (e) {
		// The partial unique index (one open poll per session) refused a concurrent second open.
		if (isUniqueViolation(e)) throw new AppError('conflict', 'another poll of this session was opened at the same moment');
		throw e;
	}
	deps.publisher.pollChanged(p.sessionId, pollId);
	return getPoll(pollId, deps);
}

/**
 * Closes a poll (P4). Idempotent: the first close computes the final tally from the committed
 * votes and stores it in the same transaction that flips the state; every later close returns the
 * stored tally. On PostgreSQL the state flip takes the row lock that a vote's `FOR SHARE` read
 * waits for, so no vote can commit into an already counted poll.
 */
export async function closePoll(pollId: string, userId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>): Promise<FinalTally> {
	await requirePollModerator(pollId, userId, deps);
	return closePollInternal(pollId, deps);
}

async function closePollInternal(pollId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher'>): Promise<FinalTally> {
	const result = await deps.db.transaction().execute(async (trx) => {
		const flipped = await trx
			.updateTable('polls')
			.set({ state: 'closed', closed_at: deps.clock.now(), updated_at: deps.clock.now() })
			.where('id', '=', pollId)
			.where('state', '=', 'open')
			.executeTakeFirst();
		const row = await trx.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirstOrThrow();
		if (Number(flipped.numUpdatedRows) === 0) {
			if (row.final_tally) return { tally: JSON.parse(row.final_tally) as FinalTally, changed: false };
			throw new AppError('conflict', 'the poll has not been opened');
		}
		const poll = toPoll(row);
		const tally = tallySplit(poll, await loadVotes(trx, poll));
		await trx
			.updateTable('polls')
			.set({ final_tally: JSON.stringify(tally) })
			.where('id', '=', pollId)
			.execute();
		return { tally, changed: true, sessionId: poll.sessionId };
	});
	if (result.changed && 'sessionId' in result && result.sessionId) {
		deps.publisher.pollChanged(result.sessionId, pollId);
		deps.publisher.votesChanged(result.sessionId, pollId);
	}
	return result.tally;
}

/** Clears every vote and answer and returns the poll to draft (the UI asks for confirmation). */
export async function resetPoll(pollId: string, userId: string, deps: Pick<Deps, 'db' | 'clock' | 'publisher'>): Promise<PollRecord> {
	const p = await requirePollModerator(pollId, userId, deps);
	await deps.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('poll_votes').where('poll_id', '=', pollId).execute();
		await trx
			.updateTable('polls')
			.set({ state: 'draft', final_tally: null, opened_at: null, closed_at: null, results_override: null, updated_at: deps.clock.now() })
			.where('id', '=', pollId)
			.execute();
	});
	deps.publisher.pollChanged(p.sessionId, pollId);
	deps.publisher.votesChanged(p.sessionId, pollId);
	return getPoll(pollId, deps);
}

/** Reveal or hide results for the audience, or go back to the poll's own setting (null). */
export async function setResultsOverride(
	pollId: string,
	override: 'shown' | 'hidden' | null,
	userId: string,
	deps: Pick<Deps, 'db' | 'clock' | 'publisher'>
): Promise<PollRecord> {
	const p = await requirePollModerator(pollId, userId, deps);
	await deps.db.updateTable('polls').set({ results_override: override, updated_at: deps.clock.now() }).where('id', '=', pollId).execute();
	deps.publisher.pollChanged(p.sessionId, pollId);
	deps.publisher.votesChanged(p.sessionId, pollId);
	return getPoll(pollId, deps);
}

/** Approve or hide one open-text answer. */
export async function moderateAnswer(
	pollId: string,
	voteId: string,
	status: 'approved' | 'hidden',
	userId: string,
	deps: Pick<Deps, 'db' | 'clock' | 'publisher'>
): Promise<void> {
	const p = await requirePollModerator(pollId, userId, deps);
	if (p.kind !== 'open') throw new AppError('invalid_payload', 'only open-text answers are moderated');
	// The final tally is fixed at close (P4); moderating afterwards would change a published result.
	if (p.state === 'closed') throw new AppError('conflict', 'a closed poll is final; reset it to moderate again');
	const res = await deps.db
		.updateTable('poll_votes')
		.set({ status, updated_at: deps.clock.now() })
		.where('id', '=', voteId)
		.where('poll_id', '=', pollId)
		.executeTakeFirst();
	if (Number(res.numUpdatedRows) !== 1) throw new AppError('not_found', 'answer not found');
	deps.publisher.votesChanged(p.sessionId, pollId);
}

export interface VoteResult {
	pollId: string;
	answer: Answer;
	status: 'pending' | 'approved' | 'hidden';
}

/** Upper bound on an idempotency key: a UUID is 36 characters. */
export const IDEMPOTENCY_KEY_MAX = 64;

/**
 * Casts or changes a vote (P1–P3, P5). One transaction: the idempotency key is looked up (a
 * repeat returns the first answer unchanged), the poll must be open (`poll_closed` otherwise),
 * the answer is checked, the participant's one row is inserted or replaced (unique key
 * poll × participant), and the answer is stored under the key. The caller acknowledges only
 * after this returns, i.e. after the commit. Results are published on the next tick.
 */
export async function castVote(input: VoteInput, deps: Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>): Promise<VoteResult> {
	if (input.key.length < 8 || input.key.length > IDEMPOTENCY_KEY_MAX) throw new AppError('invalid_payload', 'idempotency key of 8 to 64 characters required');
	// Two sends of one participant can race past the "already voted?" and "key seen?" reads; the
	// unique keys then refuse the later insert. Running the transaction again sees the winner's
	// row: a repeat key returns its first answer, a new key replaces the vote (P1, P3).
	return retryWhen(() => castVoteOnce(input, deps), isUniqueViolation, 3);
}

type VoteInput = { pollId: string; participantId: string; eventId: string; channel: 'room' | 'online'; answer: Answer; key: string };

async function castVoteOnce(input: VoteInput, deps: Pick<Deps, 'db' | 'clock' | 'publisher' | 'dbKind'>): Promise<VoteResult> {
	const outcome = await deps.db.transaction().execute(async (trx) => {
		const seen = await trx
			.selectFrom('idempotency_keys')
			.select('result')
			.where('participant_id', '=', input.participantId)
			.where('key', '=', input.key)
			.executeTakeFirst();
		if (seen) return { result: JSON.parse(seen.result) as VoteResult, sessionId: null };
		const row = await trx
			.selectFrom('polls')
			.selectAll()
			.where('id', '=', input.pollId)
			.$if(deps.dbKind === 'postgres', (q) => q.forShare())
			.executeTakeFirst();
		// A poll of another event is as unknown as a missing one (S3).
		if (!row || row.event_id !== input.eventId) throw new AppError('not_found', 'poll not found');
		const poll = toPoll(row);
		if (poll.state === 'closed') throw new AppError('poll_closed', 'this poll is closed');
		if (poll.state !== 'open') throw new AppError('conflict', 'this poll is not open yet');
		const answer = checkAnswer(poll, input.answer);
		const status: VoteResult['status'] = poll.kind === 'open' && poll.config.moderated ? 'pending' : 'approved';
		const now = deps.clock.now();
		const existing = await trx
			.selectFrom('poll_votes')
			.select('id')
			.where('poll_id', '=', input.pollId)
			.where('participant_id', '=', input.participantId)
			.executeTakeFirst();
		if (existing) {
			if (!poll.allowChange) throw new AppError('conflict', 'this poll does not allow changing a vote');
			await trx
				.updateTable('poll_votes')
				.set({ answer: JSON.stringify(answer), channel: input.channel, status, updated_at: now })
				.where('id', '=', existing.id)
				.execute();
		} else {
			await trx
				.insertInto('poll_votes')
				.values({
					id: newId(),
					poll_id: input.pollId,
					participant_id: input.participantId,
					channel: input.channel,
					answer: JSON.stringify(answer),
					status,
					created_at: now,
					updated_at: now
				})
				.execute();
		}
		const result: VoteResult = { pollId: input.pollId, answer, status };
		await trx
			.insertInto('idempotency_keys')
			.values({ participant_id: input.participantId, key: input.key, result: JSON.stringify(result), created_at: now })
			.execute();
		return { result, sessionId: poll.sessionId };
	});
	if (outcome.sessionId) deps.publisher.votesChanged(outcome.sessionId, input.pollId);
	return outcome.result;
}

export async function myVote(pollId: string, participantId: string, deps: Pick<Deps, 'db'>): Promise<VoteResult | null> {
	const r = await deps.db
		.selectFrom('poll_votes')
		.select(['answer', 'status'])
		.where('poll_id', '=', pollId)
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
	return r ? { pollId, answer: JSON.parse(r.answer) as Answer, status: r.status as VoteResult['status'] } : null;
}

/** The votes as the tally needs them: grouped with a count where the kind allows (tally.ts `groupable`). */
async function loadVotes(db: Deps['db'], poll: Pick<PollRecord, 'id' | 'kind'>): Promise<VoteRow[]> {
	if (groupable(poll.kind)) {
		const groups = await db
			.selectFrom('poll_votes')
			.select(['channel', 'answer', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
			.where('poll_id', '=', poll.id)
			.groupBy(['channel', 'answer', 'status'])
			.execute();
		return groups.map((g) => ({
			id: '',
			channel: g.channel as VoteRow['channel'],
			answer: JSON.parse(g.answer) as Answer,
			status: g.status,
			name: null,
			count: Number(g.n)
		}));
	}
	const pollId = poll.id;
	const rows = await db
		.selectFrom('poll_votes')
		.innerJoin('participants', 'participants.id', 'poll_votes.participant_id')
		.select(['poll_votes.id', 'poll_votes.channel', 'poll_votes.answer', 'poll_votes.status', 'participants.display_name'])
		.where('poll_votes.poll_id', '=', pollId)
		.orderBy('poll_votes.created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		channel: r.channel as VoteRow['channel'],
		answer: JSON.parse(r.answer) as Answer,
		status: r.status,
		name: r.display_name
	}));
}

/** Current results: the stored final tally of a closed poll, else counted from the votes. */
export async function pollResults(poll: PollRecord, deps: Pick<Deps, 'db'>): Promise<FinalTally> {
	if (poll.state === 'closed') {
		const row = await deps.db.selectFrom('polls').select('final_tally').where('id', '=', poll.id).executeTakeFirst();
		if (row?.final_tally) return JSON.parse(row.final_tally) as FinalTally;
	}
	return tallySplit(poll, await loadVotes(deps.db, poll));
}

/** Every stored answer of a poll, for the moderator and exports (no participant identities). */
export async function listAnswers(pollId: string, deps: Pick<Deps, 'db'>): Promise<(VoteRow & { createdAt: number })[]> {
	const rows = await deps.db
		.selectFrom('poll_votes')
		.innerJoin('participants', 'participants.id', 'poll_votes.participant_id')
		.select(['poll_votes.id', 'poll_votes.channel', 'poll_votes.answer', 'poll_votes.status', 'poll_votes.created_at', 'participants.display_name'])
		.where('poll_votes.poll_id', '=', pollId)
		.orderBy('poll_votes.created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		channel: r.channel as VoteRow['channel'],
		answer: JSON.parse(r.answer) as Answer,
		status: r.status,
		name: r.display_name,
		createdAt: r.created_at
	}));
}
