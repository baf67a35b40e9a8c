import { LiveSession } from '#lib/client/live-session.svelte.ts';
import { PollFollower } from '#lib/client/poll-follower.svelte.ts';
import { STAGE_HEARTBEAT } from '#lib/client/heartbeat.ts';
import type { PollView, PresenceCounts, StageSnapshot } from '#lib/shared/protocol.ts';

export interface StageSeed {
	sessionId: string;
	stageToken: string;
	stage: StageSnapshot;
	presence: PresenceCounts;
	poll: PollView | null;
}

/**
 * What the stage screen and the overlay share: one stage-token socket with the fast heartbeat
 * (ST4), the stage state, and the poll on stage followed live. Seeded with the server-rendered
 * snapshot so the first paint is already right. Call `start()` from an `$effect`.
 */
export class StageView {
	readonly live: LiveSession;
	readonly follower: PollFollower;
	readonly #seed: StageSeed;

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

	/** The join screen: idle, or a poll on stage that was deleted meanwhile. */
	get showsIdle(): boolean {
		return this.stage.state.mode === 'idle' || this.follower.gone;
	}

	/** Connects, follows the poll the stage names (fetched anew after every re-watch); returns the cleanup. */
	start(): () => void {
		const stopPolls = this.follower.start({ refreshOnWatch: true });
		const stop = this.live.start();
		return () => {
			stop();
			stopPolls();
		};
	}
}
