import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { pollAccess } from '#lib/server/api/access.ts';
import { resultsView } from '#lib/server/api/poll-view.ts';
import { pollResults } from '#lib/server/polls/service.ts';

/** Current results split by everyone / in the room / online (P9); a closed poll's final tally (P4). */
export const GET: RequestHandler = api(async ({ event, user, deps }) => {
	const poll = await pollAccess(user.id, event.params.pollId, deps);
	return ok(resultsView(poll.state, await pollResults(poll, deps)));
});

export const fallback = methodNotAllowed('GET');
