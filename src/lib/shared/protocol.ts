import { z } from 'zod';
import type { Ack } from './result.ts';
import type { StageState } from './stage.ts';
import type { PublicQaChanges } from './qa-changes.ts';
import { answerSchema, type Answer, type PublicPoll, type ResultsSnapshot, type Tally } from './polls.ts';
import {
	askerName,
	HIDE_REASONS,
	MODERATE_ACTIONS,
	qaSettingsInput,
	questionText,
	replyText,
	type MyQaView,
	type MyQuestion,
	type PublicQaSnapshot,
	type QaSettings,
	type StaffQaSnapshot,
	type StaffQuestion
} from './qa.ts';
import { choicesInput, type MyBoardState, type PublicBoard, type ReportBack, type SeatCounts } from './boards.ts';

/**
 * The realtime protocol: one module that the browser and the server both import (the browser
 * only its types). The version (protocol-version.ts) is checked at the handshake so that an old
 * tab left open on a projector is told to reload instead of misreading new payloads.
 */
export { PROTOCOL_VERSION } from './protocol-version.ts';

export const handshakeAuth = z.object({
	v: z.number().int(),
	role: z.enum(['staff', 'audience', 'stage']),
	eventId: z.string().max(64).optional(),
	sessionId: z.string().max(64).optional(),
	stageToken: z.string().max(200).optional()
});
export type HandshakeAuth = z.infer<typeof handshakeAuth>;

const id = z.string().min(1).max(64);
/** The client's idempotency key of an action (P3, Q2). */
const key = z.string().min(8).max(64);

/** One schema per inbound event. Unknown keys are stripped; anything else is `invalid_payload`. */
export const inbound = {
	'session:watch': z.object({ sessionId: id }),
	'session:unwatch': z.object({ sessionId: id }),
	'stage:get': z.object({ sessionId: id }),
	'stage:set': z.object({
		sessionId: id,
		state: z.discriminatedUnion('mode', [
			z.object({ mode: z.literal('idle') }),
			z.object({ mode: z.literal('poll'), pollId: id, split: z.boolean() }),
			z.object({ mode: z.literal('question'), questionId: id.nullable(), top: z.boolean() }),
			z.object({ mode: z.literal('board'), boardId: id, view: z.enum(['seats', 'draw']) }),
			z.object({ mode: z.literal('report'), sessionId: id })
		]),
		expectedVersion: z.number().int().nonnegative().optional()
	}),
	'poll:current': z.object({ sessionId: id }),
	'poll:get': z.object({ pollId: id }),
	'poll:vote': z.object({ pollId: id, answer: answerSchema, key }),
	'poll:control': z.object({ pollId: id, action: z.enum(['open', 'close', 'reset', 'reveal', 'hide', 'default_visibility']) }),
	'poll:moderate': z.object({ pollId: id, voteId: id, status: z.enum(['approved', 'hidden']) }),
	'qa:get': z.object({ sessionId: id }),
	'qa:ask': z.object({ sessionId: id, text: questionText, name: askerName, key }),
	'qa:edit': z.object({ questionId: id, text: questionText, key }),
	'qa:delete': z.object({ questionId: id, key }),
	'qa:upvote': z.object({ questionId: id, up: z.boolean(), key }),
	'qa:moderate': z.object({ questionId: id, action: z.enum(MODERATE_ACTIONS), reason: z.enum(HIDE_REASONS).optional() }),
	'qa:reply': z.object({ questionId: id, reply: replyText.nullable() }),
	'qa:settings': qaSettingsInput.extend({ sessionId: id }),
	'board:list': z.object({}),
	'board:watch': z.object({ boardId: id }),
	'board:unwatch': z.object({ boardId: id }),
	'board:claim': z.object({ boardId: id, sessionId: id, key }),
	'board:cancel': z.object({ boardId: id, key }),
	'board:rank': z.object({ boardId: id, choices: choicesInput, key }),
	'report:watch': z.object({ sessionId: id }),
	'participant:update': z.object({
		displayName: z.string().max(60).nullable().optional(),
		channel: z.enum(['room', 'online']).optional()
	}),
	'sys:ping': z.object({}).optional()
} as const;
export type InboundEvent = keyof typeof inbound;

export interface PresenceCounts {
	sessionId: string;
	room: number;
	online: number;
}
export interface StageSnapshot {
	sessionId: string;
	version: number;
	state: StageState;
}
export interface WatchSnapshot {
	stage: StageSnapshot;
	presence: PresenceCounts;
}
export interface PollView {
	poll: PublicPoll | null;
	results: ResultsSnapshot | null;
}
export interface CurrentPollView extends PollView {
	myVote: VoteView | null;
}
export interface VoteView {
	pollId: string;
	answer: Answer;
	status: 'pending' | 'approved' | 'hidden';
}
export interface PollStateMessage {
	sessionId: string;
	pollId: string;
	/** null: the poll was deleted. */
	poll: PublicPoll | null;
}

export interface ParticipantView {
	id: string;
	displayName: string | null;
	channel: 'room' | 'online';
}

type Handler<E extends InboundEvent, R> = (payload: z.input<(typeof inbound)[E]>, ack: (a: Ack<R>) => void) => void;

export interface ClientToServerEvents {
	'session:watch': Handler<'session:watch', WatchSnapshot>;
	'session:unwatch': Handler<'session:unwatch', null>;
	'stage:get': Handler<'stage:get', StageSnapshot>;
	'stage:set': Handler<'stage:set', StageSnapshot>;
	'participant:update': Handler<'participant:update', ParticipantView>;
	'sys:ping': Handler<'sys:ping', { t: number }>;
	'poll:current': Handler<'poll:current', CurrentPollView>;
	'poll:get': Handler<'poll:get', PollView>;
	'poll:vote': Handler<'poll:vote', VoteView>;
	'poll:control': Handler<'poll:control', PollView & { final: { all: Tally; room: Tally; online: Tally } | null }>;
	'poll:moderate': Handler<'poll:moderate', null>;
	'qa:get': Handler<'qa:get', QaView>;
	'qa:ask': Handler<'qa:ask', MyQuestion>;
	'qa:edit': Handler<'qa:edit', MyQuestion>;
	'qa:delete': Handler<'qa:delete', { questionId: string }>;
	'qa:upvote': Handler<'qa:upvote', { questionId: string; up: boolean; votes: number }>;
	'qa:moderate': Handler<'qa:moderate', StaffQuestion>;
	'qa:reply': Handler<'qa:reply', StaffQuestion>;
	'qa:settings': Handler<'qa:settings', QaSettings>;
	'board:list': Handler<'board:list', PublicBoard[]>;
	'board:watch': Handler<'board:watch', BoardView>;
	'board:unwatch': Handler<'board:unwatch', null>;
	'board:claim': Handler<'board:claim', MyBoardState>;
	'board:cancel': Handler<'board:cancel', MyBoardState>;
	'board:rank': Handler<'board:rank', MyBoardState>;
	'report:watch': Handler<'report:watch', ReportBack>;
}

/** A board as this socket sees it; phones also get their own seat, place or ranking (`mine`). */
export interface BoardView {
	board: PublicBoard;
	mine: MyBoardState | null;
}

/**
 * The Q&A of a session as this socket may see it: staff get every question (`staff`), phones and
 * stage screens the visible ones (`public`); phones also their own questions and upvotes (`mine`).
 */
export interface QaView {
	public: PublicQaSnapshot | null;
	staff: StaffQaSnapshot | null;
	mine: MyQaView | null;
}

export interface ServerToClientEvents {
	/**
	 * Scaled out: sent once through Redis to a newly connected socket, so that its client holds a
	 * stream offset and can recover its session on another process after a drop. No payload; ignored.
	 */
	'sys:hello': () => void;
	'stage:state': (s: StageSnapshot) => void;
	'presence:counts': (p: PresenceCounts) => void;
	'session:revoked': () => void;
	'poll:state': (m: PollStateMessage) => void;
	'poll:results': (r: ResultsSnapshot) => void;
	/** Visible questions of a session, on the Q&A tick: stage screens always, phones when their process has no earlier list to build on. */
	'qa:public': (s: PublicQaSnapshot) => void;
	/** Phones, on the Q&A tick: what changed in the visible questions since snapshot `base` (apply only on top of exactly that one). */
	'qa:changes': (c: PublicQaChanges) => void;
	/** Every question of a session, on the Q&A tick (staff). */
	'qa:staff': (s: StaffQaSnapshot) => void;
	/** A participant's own questions changed (asked, edited, approved, hidden, answered…). */
	'qa:mine': (m: MyQaView) => void;
	/** A watched board's definition or state changed (sent at once; null: deleted). */
	'board:state': (m: { boardId: string; board: PublicBoard | null }) => void;
	/** Seat counts of the workshops that changed, on the board tick. */
	'board:seats': (s: SeatCounts) => void;
	/** The participant's own seat, waitlist place or lottery result changed (e.g. promoted). */
	'board:mine': (m: MyBoardState) => void;
	/** A report-back being shown changed: fetch it again with report:watch. */
	'report:changed': (m: { sessionId: string }) => void;
}
