import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';
import type { QaSink } from './publisher.ts';
import type { PlenumServer } from './context.ts';
import type { MyQaView, PublicQaSnapshot, QaSettings, StaffQaSnapshot } from '../../shared/qa.ts';
import { getStage } from '../stage/service.ts';
import { getQaSettings } from '../qa/settings.ts';
import { myQuestions, publicQuestions, staffQuestions } from '../qa/read.ts';
import { fanOut } from './fan-out.ts';
import { rooms } from './rooms.ts';
import { TickFeed } from './tick-feed.ts';
import { diffPublic } from '../../shared/qa-changes.ts';

/**
 * Questions go out twice a second (Q8; quality.md P4: ranking pushed at 2 Hz) for each session
 * whose questions, upvotes or settings changed since the last tick — never one message per
 * upvote. Stage screens get the visible questions, phones what changed in them, staff all of
 * them, and each asker whose question changed their own list.
 */
export const QA_TICK_MS = 500;

export class QaFeed extends TickFeed<string, Set<string>> implements QaSink {
	// dirty: sessionId → askers whose own questions changed.
	/** Per session, the public list this process sent last (or handed out since): what phones' changes build on. */
	private readonly lastPublic = new Map<string, PublicQaSnapshot>();

	constructor(io: PlenumServer, deps: Deps, log: Logger) {
		super(io, deps, log, QA_TICK_MS, 'Q&A');
	}

	questionsChanged(sessionId: string, askers: readonly string[]): void {
		let set = this.dirty.get(sessionId);
		if (!set) this.dirty.set(sessionId, (set = new Set()));
		for (const a of askers) set.add(a);
	}

	/** The stage's highlighted question is always in the public list, even outside the top. */
	private async highlighted(sessionId: string): Promise<string | null> {
		const { state } = await getStage(sessionId, this.deps);
		return state.mode === 'question' ? state.questionId : null;
	}

	/**
	 * The visible questions as phones have them: the list of this process's last tick (the next
	 * tick's changes build on it, and anything changed since is already marked for that tick), or
	 * a fresh one that the next tick then builds on.
	 */
	async publicSnapshot(sessionId: string): Promise<PublicQaSnapshot> {
		const sent = this.lastPublic.get(sessionId);
		if (sent) return sent;
		const fresh = await this.readPublic(sessionId, this.nextSeq(sessionId));
		if (!this.lastPublic.has(sessionId)) this.lastPublic.set(sessionId, fresh);
		return fresh;
	}

	private async readPublic(sessionId: string, seq: number, known?: QaSettings): Promise<PublicQaSnapshot> {
		const settings = known ?? (await getQaSettings(sessionId, this.deps));
		return { sessionId, seq, settings, ...(await publicQuestions(sessionId, this.deps, await this.highlighted(sessionId))) };
	}

	async staffSnapshot(sessionId: string, seq = this.nextSeq(sessionId), known?: QaSettings): Promise<StaffQaSnapshot> {
		const settings = known ?? (await getQaSettings(sessionId, this.deps));
		return { sessionId, seq, settings, ...(await staffQuestions(sessionId, this.deps)) };
	}

	mine(sessionId: string, participantId: string): Promise<MyQaView> {
		return myQuestions(sessionId, participantId, this.deps);
	}

	/** How many sessions' public lists this process keeps (tests and the benchmark's memory view). */
	cachedLists(): number {
		return this.lastPublic.size;
	}

	/**
	 * Drops the kept list of every session nobody watches on this process: a phone that comes
	 * later gets a fresh list (publicSnapshot), and the next tick builds on that. Without this the
	 * map would keep one list per session ever watched, ended sessions and deleted events included.
	 */
	private forgetUnwatched(): void {
		for (const sessionId of this.lastPublic.keys()) if (!this.hasSockets(rooms.session(sessionId))) this.lastPublic.delete(sessionId);
	}

	protected async flush(batch: [string, Set<string>][]): Promise<void> {
		this.forgetUnwatched();
		for (const [sessionId, askers] of batch) {
			const seq = this.nextSeq(sessionId);
			// One read of the settings per session and tick, for both lists.
			const settings = await getQaSettings(sessionId, this.deps);
			const pub = await this.readPublic(sessionId, seq, settings);
			const before = this.lastPublic.get(sessionId);
			if (this.hasSockets(rooms.session(sessionId))) this.lastPublic.set(sessionId, pub);
			// Phones get what changed since the list they have (see qa-changes.ts); stage screens the whole list.
			if (before) await fanOut(this.io, rooms.audience(sessionId), 'qa:changes', diffPublic(before, pub));
			else await fanOut(this.io, rooms.audience(sessionId), 'qa:public', pub);
			await fanOut(this.io, rooms.stage(sessionId), 'qa:public', pub);
			// The full list is built only when a moderator of this session is connected here.
			if (this.hasSockets(rooms.staff(sessionId)))
				await fanOut(this.io, rooms.staff(sessionId), 'qa:staff', await this.staffSnapshot(sessionId, seq, settings));
			for (const p of askers) if (this.hasSockets(rooms.participant(p))) await fanOut(this.io, rooms.participant(p), 'qa:mine', await this.mine(sessionId, p));
		}
	}

	protected requeue(batch: [string, Set<string>][]): void {
		for (const [sessionId, askers] of batch) this.questionsChanged(sessionId, [...askers]);
	}
}
