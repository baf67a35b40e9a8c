import type { PresenceCounts } from '../../shared/protocol.ts';

export type Channel = 'room' | 'online';

/**
 * Counts the distinct participants connected to each session, split by channel (PR1). A person
 * with two tabs counts once; a channel change moves them. Counts are per process: the scaled-out
 * mode sums them over Redis (issue: scale out).
 */
export class Presence {
	private readonly bySession = new Map<string, Map<string, { channel: Channel; sockets: number }>>();
	private readonly dirty = new Set<string>();

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

	counts(sessionId: string): PresenceCounts {
		let room = 0;
		let online = 0;
		for (const e of this.bySession.get(sessionId)?.values() ?? []) {
			if (e.channel === 'room') room++;
			else online++;
		}
		return { sessionId, room, online };
	}

	/** Sessions whose counts changed since the last call; the tick sends only those. */
	takeDirty(): string[] {
		const out = [...this.dirty];
		this.dirty.clear();
		return out;
	}
}
