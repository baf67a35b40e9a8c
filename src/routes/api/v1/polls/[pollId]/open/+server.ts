import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { pollAccess } from '#lib/server/api/access.ts';
import { pollView } from '#lib/server/api/poll-view.ts';
import { openPoll } from '#lib/server/polls/service.ts';

/** Opens a draft poll; another open poll of the session is closed first (P4). */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const poll = await pollAccess(user.id, event.params.pollId, deps);
	return ok(pollView(await openPoll(poll.id, user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
