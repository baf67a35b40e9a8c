import { AppError } from '../errors.ts';
import type { HandlerTable } from './handle.ts';
import type { RealtimeContext } from './handlers.ts';
import type { SocketIdentity } from './context.ts';
import {
	castVote,
	closePoll,
	currentOrLastClosedPoll,
	getPoll,
	moderateAnswer,
	myVote,
	openPoll,
	requirePollModerator,
	resetPoll,
	resultsVisibleToAudience,
	setResultsOverride,
	toPublic,
	type PollRecord
} from '../polls/service.ts';

/** Can this socket read this poll at all (S3), and may it see the results now (P7)? */
async function readable(who: SocketIdentity, poll: PollRecord, deps: RealtimeContext['deps']): Promise<{ results: boolean }> {
	if (who.kind === 'audience') {
		if (poll.eventId !== who.eventId || poll.state === 'draft') throw new AppError('not_found', 'poll not found');
		return { results: resultsVisibleToAudience(poll) };
	}
	if (who.kind === 'stage') {
		if (poll.sessionId !== who.sessionId) throw new AppError('not_found', 'poll not found');
		return { results: true };
	}
	await requirePollModerator(poll.id, who.userId, deps);
	return { results: true };
}

type PollEvents = 'poll:current' | 'poll:get' | 'poll:vote' | 'poll:control' | 'poll:moderate';

/**
 * Poll events (docs/protocol.md). Audience: see the current poll with their own vote, vote.
 * Stage: read a poll and its results. Staff: everything, plus the live controls.
 */
export function pollHandlers(ctx: RealtimeContext): Pick<HandlerTable, PollEvents> {
	const { deps, polls } = ctx;
	return {
		'poll:current': async ({ data: { who } }, { sessionId }) => {
			const poll = await currentOrLastClosedPoll(sessionId, deps);
			if (!poll) return { poll: null, results: null, myVote: null };
			const { results } = await readable(who, poll, deps);
			return {
				poll: toPublic(poll),
				results: results ? await polls.snapshot(poll) : null,
				myVote: who.kind === 'audience' ? await myVote(poll.id, who.participantId, deps) : null
			};
		},
		'poll:get': async ({ data: { who } }, { pollId }) => {
			const poll = await getPoll(pollId, deps);
			const { results } = await readable(who, poll, deps);
			return { poll: toPublic(poll), results: results ? await polls.snapshot(poll) : null };
		},
		'poll:vote': async ({ data: { who } }, { pollId, answer, key }) => {
			if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants vote');
			return castVote({ pollId, participantId: who.participantId, eventId: who.eventId, channel: who.channel, answer, key }, deps);
		},
		'poll:control': async ({ data: { who } }, { pollId, action }) => {
			if (who.kind !== 'staff') throw new AppError('forbidden', 'only staff control polls');
			let final = null;
			if (action === 'open') await openPoll(pollId, who.userId, deps);
			else if (action === 'close') final = await closePoll(pollId, who.userId, deps);
			else if (action === 'reset') await resetPoll(pollId, who.userId, deps);
			else await setResultsOverride(pollId, action === 'reveal' ? 'shown' : action === 'hide' ? 'hidden' : null, who.userId, deps);
			const poll = await getPoll(pollId, deps);
			return { poll: toPublic(poll), results: await polls.snapshot(poll), final };
		},
		'poll:moderate': async ({ data: { who } }, { pollId, voteId, status }) => {
			if (who.kind !== 'staff') throw new AppError('forbidden', 'only staff moderate answers');
			await moderateAnswer(pollId, voteId, status, who.userId, deps);
			return null;
		}
	};
}
