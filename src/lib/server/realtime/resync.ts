import { getStage } from '../stage/service.ts';
import { listPolls } from '../polls/service.ts';
import type { PlenumServer } from './context.ts';
import type { BoardSink, PollSink, QaSink } from './publisher.ts';
import { rooms, watchedHere } from './rooms.ts';
import type { Deps } from '../deps.ts';

/**
 * After Redis was away, what other processes changed meanwhile never crossed over. Every
 * process then sends its own sockets everything they watch afresh from the database: stage
 * states, the polls that are open or closed, Q&A lists, boards and their seats, and a nudge to
 * report-back screens. Ticks and sequence numbers keep this ordinary: it is one more snapshot.
 */
export async function refreshWatched(io: PlenumServer, deps: Deps, feeds: { polls: PollSink; qa: QaSink; boards: BoardSink }): Promise<void> {
	const { sessions, boards, reports } = watchedHere(io.of('/').adapter.rooms.keys());
	for (const sessionId of sessions) {
		io.local.to(rooms.session(sessionId)).emit('stage:state', await getStage(sessionId, deps));
		for (const p of await listPolls(sessionId, deps)) {
			if (p.state === 'draft') continue;
			feeds.polls.pollChanged(sessionId, p.id);
			feeds.polls.votesChanged(sessionId, p.id);
		}
		feeds.qa.questionsChanged(sessionId, []);
	}
	for (const boardId of boards) {
		feeds.boards.boardChanged(boardId);
		feeds.boards.seatsChanged(boardId, [], []);
	}
	for (const sessionId of reports) io.local.to(rooms.report(sessionId)).emit('report:changed', { sessionId });
}
