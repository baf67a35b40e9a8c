import { error } from '@sveltejs/kit';
import { deps } from '#lib/server/web/guard.ts';
import { getRunning } from '#lib/server/registry.ts';
import { verifyStageToken, getStage } from '#lib/server/stage/service.ts';
import { getEvent, getSession } from '#lib/server/events/service.ts';
import { getPoll, toPublic } from '#lib/server/polls/service.ts';
import { publicBoard } from '#lib/server/boards/read.ts';
import { getReport } from '#lib/server/boards/report.ts';
import { formatJoinCode } from '#lib/shared/join-code.ts';
import type { PollView, StageSnapshot } from '#lib/shared/protocol.ts';
import type { PublicBoard, ReportBack } from '#lib/shared/boards.ts';

/**
 * What the stage screen and the livestream overlay need for their first paint. No login: the
 * token in the link is the key (ST3). Everything is rendered on the server, including the
 * persisted stage state, the current counts, the poll on stage with its results and, in question
 * mode, the visible questions (the highlighted one among them), in board mode the board with its
 * seats and in report mode the workshop's report-back, so a projector or a streaming PC shows the
 * right screen even before its socket is up.
 */
export async function loadStage(params: { sid: string; token: string }) {
	const d = deps();
	const ok = await verifyStageToken(params.sid, params.token, d);
	if (!ok) error(404, 'invalid stage link', { code: 'invalid_stage_link' });
	const session = await getSession(params.sid, d);
	const event = await getEvent(session.eventId, d);
	const code = session.joinCode;
	const host = new URL(d.publicOrigin).host;
	const stage = await getStage(session.id, d);
	return {
		sessionId: session.id,
		stageToken: params.token,
		// The projector speaks the event's language, whoever opened the link.
		locale: event.defaultLocale,
		title: session.title,
		eventTitle: event.title,
		joinCode: formatJoinCode(code),
		qrUrl: `/qr/${code}/room.svg`,
		shortUrl: `${host}/r/${code}`,
		onlineUrl: `${host}/o/${code}`,
		stage,
		poll: await stagePoll(stage),
		qa: stage.state.mode === 'question' ? await getRunning().realtime.ctx.qa.publicSnapshot(session.id) : null,
		presence: getRunning().realtime.ctx.presence.counts(session.id),
		// Board lottery deadlines are shown in the event's time zone.
		timeZone: event.timeZone,
		board: await stageBoard(stage, event.id),
		report: await stageReport(stage, event.id)
	};
}

/** The poll the stage shows, with its current results; null when it shows none (or it is gone). */
async function stagePoll(stage: StageSnapshot): Promise<PollView | null> {
	if (stage.state.mode !== 'poll') return null;
	const poll = await getPoll(stage.state.pollId, deps()).catch(() => null);
	if (!poll || poll.sessionId !== stage.sessionId) return null;
	return { poll: toPublic(poll), results: await getRunning().realtime.ctx.polls.snapshot(poll) };
}

/** The board the stage shows: of the stage's event and not a draft (B4, B9); else null. */
async function stageBoard(stage: StageSnapshot, eventId: string): Promise<PublicBoard | null> {
	if (stage.state.mode !== 'board') return null;
	const board = await publicBoard(stage.state.boardId, deps()).catch(() => null);
	return board && board.eventId === eventId && board.state !== 'draft' ? board : null;
}

/** The report-back the stage shows: of a workshop of the stage's event (B10); else null. */
async function stageReport(stage: StageSnapshot, eventId: string): Promise<ReportBack | null> {
	if (stage.state.mode !== 'report') return null;
	const d = deps();
	const session = await getSession(stage.state.sessionId, d).catch(() => null);
	if (!session || session.eventId !== eventId) return null;
	return getReport(session.id, d).catch(() => null);
}
