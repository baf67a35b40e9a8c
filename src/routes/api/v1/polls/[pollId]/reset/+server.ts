import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { pollAccess } from '#lib/server/api/access.ts';
import { pollView } from '#lib/server/api/poll-view.ts';
import { resetPoll } from '#lib/server/polls/service.ts';

/** Deletes every vote and answer of the poll and makes it a draft again. Cannot be undone. */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	const poll = await pollAccess(user.id, event.params.pollId, deps);
	return ok(pollView(await resetPoll(poll.id, user.id, deps)));
});

export const fallback = methodNotAllowed('POST');
