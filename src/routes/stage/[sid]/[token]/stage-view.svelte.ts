import { untrack } from 'svelte';
import { LiveSession } from '#lib/client/live-session.svelte.ts';
import { BoardFollower } from '#lib/client/board-follower.svelte.ts';
import { emitAck } from '#lib/client/socket.ts';
import { PollFollower } from '#lib/client/poll-follower.svelte.ts';
import { QaFollower } from '#lib/client/qa-follower.svelte.ts';
import { STAGE_HEARTBEAT } from '#lib/client/heartbeat.ts';
import type { PollView, PresenceCounts, StageSnapshot } from '#lib/shared/protocol.ts';
import type { PublicQaSnapshot, PublicQuestion, StaffQuestion } from '#lib/shared/qa.ts';
import type { PublicBoard, ReportBack } from '#lib/shared/boards.ts';
import { questionStage, type QuestionStage } from './modes/question-stage.ts';
import { seedFor } from './modes/board-stage.ts';
import { ReportFollower } from './modes/report-follower.svelte.ts';

export interface StageSeed {
	sessionId: string;
	stageToken: string;
	stage: StageSnapshot;
	presence: PresenceCounts;
	poll: PollView | null;
	/** The visible questions, rendered on the server when the stage shows Q&A (else null). */
	qa: PublicQaSnapshot | null;
	/** The board on stage, rendered on the server in board mode (else null). */
	board?: PublicBoard | null;
	/** The report-back on stage, rendered on the server in report mode (else null). */
	report?: ReportBack | null;
}

/** A stage socket only ever gets public snapshots; the guard keeps the type honest. */
const isPublic = (q: PublicQuestion | StaffQuestion): q is PublicQuestion => q.status === 'approved' || q.status === 'answered';

/**
 * What the stage screen and the overlay share: one stage-token socket with the fast heartbeat
 * (ST4), the stage state, the poll on stage and the Q&A followed live. Seeded with the
 * server-rendered snapshot so the first paint is already right. Call `start()` from an `$effect`.
 */
export class StageView {
	readonly live: LiveSession;
	readonly follower: PollFollower;
	readonly qa: QaFollower;
	/** The board the stage names, followed on the stage's socket (B9): one follower per board id. */
	board = $state.raw<BoardFollower | null>(null);
	readonly report: ReportFollower;
	readonly #seed: StageSeed;
	#boardSeed: PublicBoard | null;
	/** The stage version whose highlighted question was fetched anew because the snapshot lacked it. */
	#checked = $state<number | null>(null);
	#checking: number | null = null;

	constructor(seed: StageSeed) {
		this.#seed = seed;
		this.live = new LiveSession({
			auth: { role: 'stage', sessionId: seed.sessionId, stageToken: seed.stageToken },
			sessionId: seed.sessionId,
			initialStage: seed.stage,
			initialPresence: seed.presence,
			heartbeat: STAGE_HEARTBEAT
		});
		this.follower = new PollFollower(this.live, seed.poll);
		this.qa = new QaFollower(this.live, seed.sessionId);
		this.report = new ReportFollower(this.live, seed.report);
		this.#boardSeed = seed.board ?? null;
	}

	get stage(): StageSnapshot {
		return this.live.stage ?? this.#seed.stage;
	}

	get presence(): PresenceCounts {
		return this.live.presence ?? this.#seed.presence;
	}

	/** The poll the stage state names, or null. */
	get pollId(): string | null {
		const s = this.stage.state;
		return s.mode === 'poll' ? s.pollId : null;
	}

	/** The join screen: idle, or a poll, board or report-back on stage that was deleted meanwhile. */
	get showsIdle(): boolean {
		const mode = this.stage.state.mode;
		// A board set back to a draft is for staff only again (B4): the stage shows the join screen.
		const boardHidden = this.board !== null && (this.board.gone || this.board.board?.state === 'draft');
		return mode === 'idle' || this.follower.gone || (mode === 'board' && boardHidden) || (mode === 'report' && this.report.gone);
	}

	/** The board the stage state names, or null. */
	get boardId(): string | null {
		const s = this.stage.state;
		return s.mode === 'board' ? s.boardId : null;
	}

	/** The workshop whose report-back the stage state names, or null. */
	get reportId(): string | null {
		const s = this.stage.state;
		return s.mode === 'report' ? s.sessionId : null;
	}

	/**
	 * The board on stage once known; never the one shown before while the next is fetched. Until
	 * the follower exists (also while rendering on the server) the server-rendered board.
	 */
	get shownBoard(): PublicBoard | null {
		const f = this.board;
		if (f) return f.boardId === this.boardId ? f.board : null;
		return this.#boardSeed?.id === this.boardId ? this.#boardSeed : null;
	}

	/** The report-back on stage once known; never the one shown before. */
	get shownReport(): ReportBack | null {
		const r = this.report.report;
		return r && r.sessionId === this.reportId ? r : null;
	}

	/**
	 * Follows the board the stage names on the stage's socket; another board id gets a new
	 * follower. Call from an `$effect` with the (derived) board id; returns the cleanup, which
	 * also leaves the board's room.
	 */
	followBoard(boardId: string | null): (() => void) | undefined {
		if (boardId === null) return undefined;
		// The follower reads the link state when it registers: that must not re-run the effect.
		return untrack(() => {
			const follower = new BoardFollower(boardId, seedFor(this.#boardSeed, boardId));
			this.#boardSeed = null;
			const stop = follower.start(this.live);
			this.board = follower;
			return () => {
				stop();
				const socket = this.live.socket;
				if (socket?.connected) void emitAck(socket, 'board:unwatch', { boardId });
				if (this.board === follower) this.board = null;
			};
		});
	}

	/** The visible questions: the newest snapshot, or the server-rendered one until it arrives. */
	get questions(): PublicQuestion[] {
		if (this.qa.settings) return this.qa.questions.filter(isPublic);
		return this.#seed.qa?.questions ?? [];
	}

	/** Questions are taken (Q3); assumed until a snapshot says otherwise. */
	get qaOpen(): boolean {
		return (this.qa.settings ?? this.#seed.qa?.settings)?.enabled ?? true;
	}

	/** What question mode draws (Q9); null in the other modes. */
	get questionStage(): QuestionStage | null {
		const s = this.stage.state;
		if (s.mode !== 'question') return null;
		return questionStage({
			questionId: s.questionId,
			top: s.top,
			questions: this.questions,
			ready: this.qa.settings !== null || this.#seed.qa !== null,
			waiting: this.#checked !== this.stage.version
		});
	}

	/**
	 * The stage state can name a question before the next Q&A tick carries it (just approved by
	 * highlighting it, or outside the top of a long list): fetch the view once at once rather than
	 * show "no question" for half a second. Call from an `$effect`.
	 */
	confirmHighlight(): void {
		const { state, version } = this.stage;
		const id = state.mode === 'question' ? state.questionId : null;
		if (id === null || this.#checked === version || this.#checking === version) return;
		if (this.questions.some((q) => q.id === id)) return;
		this.#checking = version;
		void this.qa.refresh().finally(() => {
			if (this.#checking !== version) return;
			this.#checking = null;
			this.#checked = version;
		});
	}

	/** Connects, follows the poll the stage names, the Q&A and the report-back (all fetched anew after every re-watch); returns the cleanup. */
	start(): () => void {
		const stopQa = this.qa.start();
		const stopPolls = this.follower.start({ refreshOnWatch: true });
		const stopReport = this.report.start();
		const stop = this.live.start();
		return () => {
			stop();
			stopPolls();
			stopQa();
			stopReport();
		};
	}
}
