import type { DbHandle } from '../../src/lib/server/db/connect.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Clock } from '../../src/lib/server/clock.ts';
import type { Publisher } from '../../src/lib/server/realtime/publisher.ts';
import type { StageSnapshot } from '../../src/lib/shared/protocol.ts';
import { memoryRateLimiter } from '../../src/lib/server/auth/rate-limit.ts';
import { QA_RATE_DEFAULTS } from '../../src/lib/server/config.ts';

/** A clock tests move by hand. */
export function fakeClock(start = Date.UTC(2026, 4, 4, 8, 0)) {
	let now = start;
	return { now: () => now, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
}

/** Records what the domain published, so tests can assert "published after commit". */
type Recorded = {
	stage: StageSnapshot[];
	ended: string[];
	revoked: string[];
	polls: string[];
	votes: string[];
	questions: { sessionId: string; askers: string[] }[];
	boards: string[];
	seats: { boardId: string; sessionIds: string[]; participants: string[] }[];
	reports: string[];
	deletedEvents: string[];
};
export function recordingPublisher(): Publisher & Recorded {
	const rec: Recorded = { stage: [], ended: [], revoked: [], polls: [], votes: [], questions: [], boards: [], seats: [], reports: [], deletedEvents: [] };
	return {
		...rec,
		stageChanged: (s) => void rec.stage.push(s),
		stageLinkRevoked: (id) => void rec.revoked.push(id),
		authSessionEnded: (id) => void rec.ended.push(id),
		pollChanged: (_sessionId, pollId) => void rec.polls.push(pollId),
		votesChanged: (_sessionId, pollId) => void rec.votes.push(pollId),
		questionsChanged: (sessionId, askers) => void rec.questions.push({ sessionId, askers: [...askers] }),
		boardChanged: (boardId) => void rec.boards.push(boardId),
		seatsChanged: (boardId, sessionIds, participants) => void rec.seats.push({ boardId, sessionIds: [...sessionIds], participants: [...participants] }),
		reportChanged: (sessionId) => void rec.reports.push(sessionId),
		eventDeleted: (eventId) => void rec.deletedEvents.push(eventId)
	};
}

/** With a real clock (scale-out tests) or, by default, a fake one tests move by hand. */
export function testDeps<C extends Clock>(h: DbHandle, clock: C): { deps: Deps; clock: C; publisher: ReturnType<typeof recordingPublisher> };
export function testDeps(h: DbHandle): { deps: Deps; clock: ReturnType<typeof fakeClock>; publisher: ReturnType<typeof recordingPublisher> };
export function testDeps(h: DbHandle, clock: Clock = fakeClock()) {
	const publisher = recordingPublisher();
	const deps: Deps = {
		db: h.db,
		dbKind: h.kind,
		clock,
		publisher,
		secret: 'test-secret',
		limits: {
			loginPerAccount: memoryRateLimiter(10, 15 * 60_000),
			loginPerIp: memoryRateLimiter(30, 15 * 60_000),
			questionsPerParticipant: memoryRateLimiter(QA_RATE_DEFAULTS.questionsPerMinute, 60_000),
			upvotesPerParticipant: memoryRateLimiter(QA_RATE_DEFAULTS.upvotesPerMinute, 60_000)
		},
		publicOrigin: 'http://plenum.test'
	};
	return { deps, clock, publisher };
}
