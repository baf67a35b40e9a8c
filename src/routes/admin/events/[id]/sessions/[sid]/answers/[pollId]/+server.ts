import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getPoll, listAnswers } from '#lib/server/polls/service.ts';
import { orError } from '#lib/server/web/guard.ts';
import { moderation } from '../../moderation.ts';
import type { OpenAnswer } from '../../polls/open-answer.ts';

/**
 * The answers of one open-text poll, for the moderator's approve/hide list. Results snapshots
 * carry only approved answers and the number pending; moderation needs the pending texts too.
 * Display names only where the poll shows them: nobody else is told who wrote what.
 */
export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, 'login required');
	const { d, session } = await moderation(event);
	const poll = await orError(getPoll(event.params.pollId, d));
	if (poll.sessionId !== session.id || poll.kind !== 'open') error(404, 'poll not found');
	const answers: OpenAnswer[] = (await listAnswers(poll.id, d)).map((a) => ({
		id: a.id,
		channel: a.channel,
		text: a.answer.kind === 'open' ? a.answer.text : '',
		status: a.status === 'approved' || a.status === 'hidden' ? a.status : 'pending',
		name: poll.showNames ? a.name : null,
		createdAt: a.createdAt
	}));
	return json(answers, { headers: { 'cache-control': 'no-store' } });
};
