import { describe, expect, it } from 'vitest';
import { formatJoinCode, isJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from './join-code.ts';

describe('join codes', () => {
	it('J1: the alphabet has no look-alike characters', () => {
		for (const ch of '0O1IL') expect(JOIN_CODE_ALPHABET).not.toContain(ch);
		expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
	});

	it('J1: what people type is normalised before it is checked', () => {
		expect(normalizeJoinCode(' abc-def ')).toBe('ABCDEF');
		expect(normalizeJoinCode('ab c.d_ef')).toBe('ABCDEF');
		expect(isJoinCode(normalizeJoinCode('abc-def'))).toBe(true);
	});

	it('J1: wrong lengths and foreign characters are not codes', () => {
		for (const bad of ['', 'ABCDE', 'ABCDEFG', 'ABCDE0', 'ABCDEO', 'ABCDE1', 'ÄBCDEF', 'ABC DE']) expect(isJoinCode(bad)).toBe(false);
	});

	it('formats codes in two readable halves', () => {
		expect(formatJoinCode('ABCDEF')).toBe('ABC-DEF');
	});
});
