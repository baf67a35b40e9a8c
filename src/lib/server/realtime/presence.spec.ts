import { describe, expect, it } from 'vitest';
import { Presence } from './presence.ts';

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
});
