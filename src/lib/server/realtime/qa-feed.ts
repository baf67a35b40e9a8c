import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import type { QaSink } from './publisher.ts';
import type { PlenumServer } from './context.ts';
import type { MyQaView, PublicQaSnapshot, StaffQaSnapshot } from '../../shared/qa.ts';
import { getStage } from '../stage/service.ts';
import { getQaSettings } from '../qa/settings.ts';
import { myQuestions, publicQuestions, staffQuestions } from '../qa/read.ts';
import { fanOut } from './fan-out.ts';
import { rooms } from './rooms.ts';

/**
 * Questions go out twice a second (Q8; quality.md P4: ranking pushed at 2 Hz) for each session
 * whose questions, upvotes or settings changed since the last tick — never one message per
 * upvote. Phones and stage screens get the visible questions, staff all of them, and each asker
 * whose question changed their own list.
 */
export const QA_TICK_MS = 500;

export class QaFeed implements QaSink {
	/** sessionId → askers whose own questions changed. */
	private readonly dirty = new Map<string, Set<string>>();
	private readonly seqs = new Map<string, number>();
	private timer: ReturnType<typeof setInterval> | null = null;
	private ticking = false;
	private readonly io: PlenumServer;
	private readonly deps: Deps;
	private readonly log: Logger;

	constructor(io: PlenumServer, deps: Deps, log: Logger) {
		this.io = io;
		this.deps = deps;
		this.log = log;
	}

	start(): void {
		this.timer = setInterval(() => void this.tick(), QA_TICK_MS);
		this.timer.unref();
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
	}

	questionsChanged(sessionId: string, askers: readonly string[]): void {
		let set = this.dirty.get(sessionId);
		if (!set) this.dirty.set(sessionId, (set = new Set()));
		for (const a of askers) set.add(a);
	}

	private hasSockets(room: string): boolean {
		return (this.io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;
	}

	/** The stage's highlighted question is always in the public list, even outside the top. */
	private async highlighted(sessionId: string): Promise<string | null> {
		const { state } = await getStage(sessionId, this.deps);
		return state.mode === 'question' ? state.questionId : null;
	}

	async publicSnapshot(sessionId: string, seq = this.seqs.get(sessionId) ?? 0): Promise<PublicQaSnapshot> {
		const settings = await getQaSettings(sessionId, this.deps);
		return { sessionId, seq, settings, ...(await publicQuestions(sessionId, this.deps, await this.highlighted(sessionId))) };
	}

	async staffSnapshot(sessionId: string, seq = this.seqs.get(sessionId) ?? 0): Promise<StaffQaSnapshot> {
		const settings = await getQaSettings(sessionId, this.deps);
		return { sessionId, seq, settings, ...(await staffQuestions(sessionId, this.deps)) };
	}

	mine(sessionId: string, participantId: string): Promise<MyQaView> {
		return myQuestions(sessionId, participantId, this.deps);
	}

	async tick(): Promise<void> {
		if (this.ticking || this.dirty.size === 0) return;
		this.ticking = true;
		const batch = [...this.dirty];
		this.dirty.clear();
		try {
			for (const [sessionId, askers] of batch) {
				const seq = (this.seqs.get(sessionId) ?? 0) + 1;
				this.seqs.set(sessionId, seq);
				const pub = await this.publicSnapshot(sessionId, seq);
				await fanOut(this.io, rooms.audience(sessionId), 'qa:public', pub);
				await fanOut(this.io, rooms.stage(sessionId), 'qa:public', pub);
				// The full list is built only when a moderator of this session is connected here.
				if (this.hasSockets(rooms.staff(sessionId))) await fanOut(this.io, rooms.staff(sessionId), 'qa:staff', await this.staffSnapshot(sessionId, seq));
				for (const p of askers)
					if (this.hasSockets(rooms.participant(p))) await fanOut(this.io, rooms.participant(p), 'qa:mine', await this.mine(sessionId, p));
			}
		} catch (e) {
			// Nothing is dropped: the batch goes out again on the next tick.
			for (const [sessionId, askers] of batch) this.questionsChanged(sessionId, [...askers]);
			this.log.error('Q&A tick failed', { error: e instanceof Error ? e.message : String(e) });
		} finally {
			this.ticking = false;
		}
	}
}
