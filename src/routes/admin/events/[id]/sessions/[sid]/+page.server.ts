import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { orError } from '#lib/server/web/guard.ts';
import { getEvent } from '#lib/server/events/service.ts';
import { getStage, rotateStageToken, stageTokenFor } from '#lib/server/stage/service.ts';
import { joinUrls } from '#lib/server/qr/service.ts';
import { listPolls } from '#lib/server/polls/service.ts';
import { getRunning } from '#lib/server/registry.ts';
import { formatJoinCode } from '#lib/shared/join-code.ts';
import { moderation } from './moderation.ts';
import { pollActions } from './polls/poll-actions.ts';
import { toStaffPoll } from './polls/staff-poll.server.ts';
import { POLLS_DEPENDENCY } from './polls/staff-poll.ts';
import { loadBoards } from './board/board-load.server.ts';
import { reportActions } from './board/report-action.server.ts';
import { BOARD_DEPENDENCY } from './board/lead-view.ts';

export const load: PageServerLoad = async (event) => {
	event.depends(POLLS_DEPENDENCY);
	event.depends(BOARD_DEPENDENCY);
	const { d, session, access } = await moderation(event);
	const ev = await orError(getEvent(session.eventId, d));
	const token = await stageTokenFor(session.id, d);
	const polls = (await listPolls(session.id, d)).map(toStaffPoll);
	// `?edit=<poll id>` opens the edit form; a link, so it works without JavaScript too.
	const edit = event.url.searchParams.get('edit');
	// Workshop boards (B9, B10): the lead's list and report-back, and what the stage can show.
	const boards = await loadBoards(session, ev.timeZone, d);
	return {
		event: { id: ev.id, title: ev.title, joinCode: ev.joinCode },
		session: { id: session.id, title: session.title, kind: session.kind, startsAt: session.startsAt, endsAt: session.endsAt, room: session.room },
		role: access.role,
		joinCode: formatJoinCode(session.joinCode),
		joinUrls: joinUrls(d.publicOrigin, session.joinCode),
		stageUrl: `${d.publicOrigin}/stage/${session.id}/${token}`,
		// Renewing the stage link disrupts the projector: owners and moderators only.
		canRotate: access.role !== 'workshop_lead',
		stage: await getStage(session.id, d),
		presence: getRunning().realtime.ctx.presence.counts(session.id),
		polls,
		editId: polls.some((p) => p.id === edit) ? edit : null,
		timeZone: ev.timeZone,
		...boards
	};
};

export const actions: Actions = {
	/** New stage link: the old one stops working at once and screens showing it are told (ST3). */
	rotate: async (event) => {
		const { d, session, access } = await moderation(event);
		if (access.role === 'workshop_lead') return fail(403, { rotate: { ok: false as const } });
		await rotateStageToken(session.id, d);
		return { rotate: { ok: true as const } };
	},
	...pollActions,
	...reportActions
};
