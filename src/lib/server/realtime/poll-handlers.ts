import { AppError } from '../errors.ts';
import { on } from './handle.ts';
import type { RealtimeContext } from './handlers.ts';
import type { PlenumSocket } from './context.ts';
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
import type { PollFeed } from './poll-feed.ts';

/**
 * Poll events (docs/protocol.md). Audience: see the current poll with their own vote, vote.
 * Stage: read a poll and its results. Staff: everything, plus the live controls.
 */
export function registerPollHandlers(socket: PlenumSocket, ctx: RealtimeContext & { polls: PollFeed }): void {
	const { deps, polls } = ctx;
	const who = socket.data.who;

	/** Can this socket read this poll at all (S3), and may it see the results now (P7)? */
	async function readable(poll: PollRecord): Promise<{ results: boolean }> {
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

	on(
		socket,
		'poll:current',
		async ({ sessionId }) => {
			const poll = await currentOrLastClosedPoll(sessionId, deps);
			if (!poll) return { poll: null, results: null, myVote: null };
			const { results } = await readable(poll);
			return {
				poll: toPublic(poll),
				results: results ? await polls.snapshot(poll) : null,
				myVote: who.kind === 'audience' ? await myVote(poll.id, who.participantId, deps) : null
			};
		},
		ctx
	);

	on(
		socket,
		'poll:get',
		async ({ pollId }) => {
			const poll = await getPoll(pollId, deps);
			const { results } = await readable(poll);
			return { poll: toPublic(poll), results: results ? await polls.snapshot(poll) : null };
		},
		ctx
	);

	on(
		socket,
		'poll:vote',
		async ({ pollId, answer, key }) => {
			if (who.kind !== 'audience') throw new AppError('forbidden', 'only participants vote');
			return castVote({ pollId, participantId: who.participantId, eventId: who.eventId, channel: who.channel, answer, key }, deps);
		},
		ctx
	);

	on(
		socket,
		'poll:control',
		async ({ pollId, action }) => {
			if (who.kind !== 'staff') throw new AppError('forbidden', 'only staff control polls');
			let final = null;
			if (action === 'open') await openPoll(pollId, who.userId, deps);
			else if (action === 'close') final = await closePoll(pollId, who.userId, deps);
			else if (action === 'reset') await resetPoll(pollId, who.userId, deps);
			else await setResultsOverride(pollId, action === 'reveal' ? 'shown' : action === 'hide' ? 'hidden' : null, who.userId, deps);
			const poll = await getPoll(pollId, deps);
			return { poll: toPublic(poll), results: await polls.snapshot(poll), final };
		},
		ctx
	);

	on(
		socket,
		'poll:moderate',
		async ({ pollId, voteId, status }) => {
			if (who.kind !== 'staff') throw new AppError('forbidden', 'only staff moderate answers');
			await moderateAnswer(pollId, voteId, status, who.userId, deps);
			return null;
		},
		ctx
	);
}
