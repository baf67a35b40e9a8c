import { describe, expect, it } from 'vitest';
import { Presence, REMOTE_PRESENCE_TTL_MS } from './presence.ts';

describe('presence', () => {
	it('PR1: counts distinct participants per channel; two tabs count once', () => {
		const p = new Presence();
		p.add('s', 'a', 'room');
		p.add('s', 'a', 'room');
		p.add('s', 'b', 'online');
		expect(p.counts('s')).toEqual({ sessionId: 's', room: 1, online: 1 });
		p.remove('s', 'a');
		expect(p.counts('s')).toMatchObject({ room: 1 });
		p.remove('s', 'a');
		expect(p.counts('s')).toMatchObject({ room: 0, online: 1 });
	});

	it('PR1: a channel change moves the person, and only changed sessions are reported', () => {
		const p = new Presence();
		p.add('s1', 'a', 'room');
		p.add('s2', 'b', 'room');
		expect(p.takeDirty().sort()).toEqual(['s1', 's2']);
		expect(p.takeDirty()).toEqual([]);
		p.setChannel('a', 'online');
		expect(p.takeDirty()).toEqual(['s1']);
		expect(p.counts('s1')).toMatchObject({ room: 0, online: 1 });
	});

	it('PR1: removing someone who is not there changes nothing', () => {
		const p = new Presence();
		p.remove('s', 'ghost');
		expect(p.takeDirty()).toEqual([]);
		expect(p.counts('s')).toMatchObject({ room: 0, online: 0 });
	});

	it("PR1 scaled out: other processes' counts add up, an empty report removes them, and a silent process expires", () => {
		const p = new Presence();
		p.add('s', 'a', 'room');
		p.setRemote('B', { sessionId: 's', room: 2, online: 3 }, 1000);
		p.setRemote('C', { sessionId: 's', room: 1, online: 0 }, 1000);
		expect(p.counts('s')).toEqual({ sessionId: 's', room: 4, online: 3 });
		expect(p.localCounts('s')).toEqual({ sessionId: 's', room: 1, online: 0 });
		expect(p.takeRemoteDirty()).toEqual(['s']);
		p.setRemote('C', { sessionId: 's', room: 1, online: 0 }, 2000);
		expect(p.takeRemoteDirty()).toEqual([]);
		p.setRemote('C', { sessionId: 's', room: 0, online: 0 }, 3000);
		expect(p.counts('s')).toMatchObject({ room: 3, online: 3 });
		p.expire(1000 + REMOTE_PRESENCE_TTL_MS + 1);
		expect(p.counts('s')).toMatchObject({ room: 1, online: 0 });
		expect(p.takeRemoteDirty()).toEqual(['s']);
	});
});
