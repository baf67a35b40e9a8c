import type { RequestHandler } from './$types';
import { api, methodNotAllowed, noContent, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { pollAccess } from '#lib/server/api/access.ts';
import { pollPatchBody } from '#lib/server/api/poll-inputs.ts';
import { pollView } from '#lib/server/api/poll-view.ts';
import { deletePoll, updatePoll } from '#lib/server/polls/service.ts';

export const GET: RequestHandler = api(async ({ event, user, deps }) => ok(pollView(await pollAccess(user.id, event.params.pollId, deps))));

/**
 * A partial change, merged into the poll and validated as a whole. Only a draft can change
 * (the domain answers `conflict` otherwise): once people voted, the question keeps its meaning.
 */
export const PATCH: RequestHandler = api(async ({ event, user, deps }) => {
	const current = await pollAccess(user.id, event.params.pollId, deps);
	const input = pollPatchBody(current, await readJson(event.request));
	return ok(pollView(await updatePoll(current.id, input, user.id, deps)));
});

/** Deletes the poll with its votes, in any state. */
export const DELETE: RequestHandler = api(async ({ event, user, deps }) => {
	const current = await pollAccess(user.id, event.params.pollId, deps);
	await deletePoll(current.id, user.id, deps);
	return noContent();
});

export const fallback = methodNotAllowed('GET', 'PATCH', 'DELETE');
