import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { pollAccess } from '#lib/server/api/access.ts';
import { resultsView } from '#lib/server/api/poll-view.ts';
import { closePoll } from '#lib/server/polls/service.ts';

/** Closes the poll and answers its final tally; closing again answers the same tally (P4). */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const poll = await pollAccess(user.id, event.params.pollId, deps);
	return ok(resultsView('closed', await closePoll(poll.id, user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
