import type { PresenceCounts } from '../../shared/protocol.ts';

export type Channel = 'room' | 'online';

/** Another process's counts older than this are dropped: it died or lost Redis. */
export const REMOTE_PRESENCE_TTL_MS = 15_000;

/**
 * Counts the distinct participants connected to each session, split by channel (PR1). A person
 * with two tabs counts once; a channel change moves them. Scaled out, each process counts its own
 * sockets and adds the counts the other processes send over Redis (realtime/cluster.ts); a
 * person with tabs on two processes then counts twice (sticky sessions make that rare).
 */
export class Presence {
	private readonly bySession = new Map<string, Map<string, { channel: Channel; sockets: number }>>();
	private readonly dirty = new Set<string>();
	/** sessionId → process id → that process's counts and when they came. */
	private readonly remote = new Map<string, Map<string, { room: number; online: number; at: number }>>();
	private readonly remoteDirty = new Set<string>();

	add(sessionId: string, participantId: string, channel: Channel): void {
		let m = this.bySession.get(sessionId);
		if (!m) this.bySession.set(sessionId, (m = new Map()));
		const e = m.get(participantId);
		if (e) {
			e.sockets++;
			if (e.channel !== channel) {
				e.channel = channel;
				this.dirty.add(sessionId);
			}
		} else {
			m.set(participantId, { channel, sockets: 1 });
			this.dirty.add(sessionId);
		}
	}

	remove(sessionId: string, participantId: string): void {
		const m = this.bySession.get(sessionId);
		const e = m?.get(participantId);
		if (!m || !e) return;
		if (--e.sockets > 0) return;
		m.delete(participantId);
		if (m.size === 0) this.bySession.delete(sessionId);
		this.dirty.add(sessionId);
	}

	setChannel(participantId: string, channel: Channel): void {
		for (const [sid, m] of this.bySession) {
			const e = m.get(participantId);
			if (e && e.channel !== channel) {
				e.channel = channel;
				this.dirty.add(sid);
			}
		}
	}

	/** This process's participants plus every other process's last counts. */
	counts(sessionId: string): PresenceCounts {
		const c = this.localCounts(sessionId);
		for (const r of this.remote.get(sessionId)?.values() ?? []) {
			c.room += r.room;
			c.online += r.online;
		}
		return c;
	}

	/** Only this process's participants: what it tells the others. */
	localCounts(sessionId: string): PresenceCounts {
		let room = 0;
		let online = 0;
		for (const e of this.bySession.get(sessionId)?.values() ?? []) {
			if (e.channel === 'room') room++;
			else online++;
		}
		return { sessionId, room, online };
	}

	/** Sessions with participants on this process. */
	localSessions(): string[] {
		return [...this.bySession.keys()];
	}

	/** Another process's counts for a session. */
	setRemote(from: string, c: PresenceCounts, now: number): void {
		let m = this.remote.get(c.sessionId);
		if (!m) this.remote.set(c.sessionId, (m = new Map()));
		const old = m.get(from);
		if (!old || old.room !== c.room || old.online !== c.online) this.remoteDirty.add(c.sessionId);
		if (c.room === 0 && c.online === 0) m.delete(from);
		else m.set(from, { room: c.room, online: c.online, at: now });
		if (m.size === 0) this.remote.delete(c.sessionId);
	}

	/** Drops counts of processes that stopped sending; their sessions count again without them. */
	expire(now: number): void {
		for (const [sid, m] of this.remote) {
			for (const [from, r] of m) {
				if (now - r.at <= REMOTE_PRESENCE_TTL_MS) continue;
				m.delete(from);
				this.remoteDirty.add(sid);
			}
			if (m.size === 0) this.remote.delete(sid);
		}
	}

	/** Sessions whose own counts changed since the last call: the tick sends them and tells the other processes. */
	takeDirty(): string[] {
		const out = [...this.dirty];
		this.dirty.clear();
		return out;
	}

	/** Sessions whose counts changed through other processes since the last call. */
	takeRemoteDirty(): string[] {
		const out = [...this.remoteDirty];
		this.remoteDirty.clear();
		return out;
	}
}
