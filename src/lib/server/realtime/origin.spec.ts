import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin.ts';
import { readCookie } from './cookies.ts';

describe('origin check', () => {
	const allowed = ['https://plenum.example.org'];
	it('RT1: only the configured origin, exactly', () => {
		expect(originAllowed('https://plenum.example.org', allowed)).toBe(true);
		for (const o of [
			'https://plenum.example.org.evil.com',
			'http://plenum.example.org',
			'https://evil-plenum.example.org',
			'null',
			'https://plenum.example.org:444'
		])
			expect(originAllowed(o, allowed)).toBe(false);
	});
	it('RT1: no Origin header (non-browser client, same-origin GET) is let through to authentication', () => {
		expect(originAllowed(undefined, allowed)).toBe(true);
	});
});

describe('cookie parsing', () => {
	it('reads one cookie and survives junk', () => {
		expect(readCookie('a=1; plenum_session=tok%2Fen; b=2', 'plenum_session')).toBe('tok/en');
		expect(readCookie('a=1', 'plenum_session')).toBeNull();
		expect(readCookie(undefined, 'x')).toBeNull();
		expect(readCookie('x=%E0%A4%A', 'x')).toBeNull();
		expect(readCookie('noequals; x=1', 'x')).toBe('1');
	});
});
