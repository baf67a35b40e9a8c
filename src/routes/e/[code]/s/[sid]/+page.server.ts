import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { deps } from '#lib/server/web/guard.ts';
import { getRunning } from '#lib/server/registry.ts';
import { getSession } from '#lib/server/events/service.ts';
import { getQaSettings } from '#lib/server/qa/settings.ts';
import { currentOrLastClosedPoll, myVote, resultsVisibleToAudience, toPublic } from '#lib/server/polls/service.ts';
import type { CurrentPollView } from '#lib/shared/protocol.ts';
import { currentParticipant, resolveCodeOr404 } from '../../../participant.server.ts';
import { isLive, localNow } from '../../../live-now.ts';
import { sessionBoardLink } from '../../b/[boardId]/board.server.ts';

/**
 * One session for a participant. The realtime part (polls, questions) lives in the browser; the
 * open poll with the participant's own vote is rendered here too, so someone who reloads or
 * joins late sees it at once.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const { event, session: codeSession } = await resolveCodeOr404(params.code, '/e', `/s/${params.sid}`);
	if (codeSession) redirect(303, `/e/${event.joinCode}/s/${params.sid}`);
	const session = await getSession(params.sid, deps()).catch(() => null);
	// Another event's session id answers exactly like an unknown one (S3).
	if (!session || session.eventId !== event.id) error(404, m.aud_session_unknown(), { code: 'unknown_session' });
	const participant = await currentParticipant(cookies, event.id);
	if (!participant) redirect(303, `/r/${session.joinCode}`);
	return {
		event: { id: event.id, title: event.title, joinCode: event.joinCode },
		session: {
			id: session.id,
			kind: session.kind,
			title: session.title,
			startsAt: session.startsAt,
			endsAt: session.endsAt,
			room: session.room,
			livestreamUrl: session.livestreamUrl,
			live: isLive(session, localNow(deps().clock.now(), event.timeZone))
		},
		// The display name prefills "show my name" when asking a question.
		participant: { channel: participant.channel, displayName: participant.displayName },
		poll: await openPollView(session.id, participant.id),
		// Whether to offer the question form before the live Q&A view arrives (Q3).
		qaOpen: (await getQaSettings(session.id, deps())).enabled,
		// A workshop on a sign-up board links to it.
		board: await sessionBoardLink(session.id, event.id)
	};
};

/** The session's open poll as this participant sees it: results only while visible (P7). */
async function openPollView(sessionId: string, participantId: string): Promise<CurrentPollView | null> {
	const d = deps();
	const poll = await currentOrLastClosedPoll(sessionId, d);
	if (!poll) return null;
	return {
		poll: toPublic(poll),
		results: resultsVisibleToAudience(poll) ? await getRunning().realtime.ctx.polls.snapshot(poll) : null,
		myVote: await myVote(poll.id, participantId, d)
	};
}
