import { describe, expect, it } from 'vitest';
import { isJoinCode, JOIN_CODE_ALPHABET } from '../../shared/join-code.ts';
import { randomJoinCode } from './join-codes.ts';

describe('join code generation', () => {
	it('J1: random codes are valid and spread over the alphabet', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const c = randomJoinCode();
			expect(isJoinCode(c)).toBe(true);
			for (const ch of c) seen.add(ch);
		}
		expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
	});
});
