import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing (scrypt)', () => {
	it('AU2: verifies the right password, refuses a wrong one, salts every hash', async () => {
		const a = await hashPassword('correct horse battery');
		const b = await hashPassword('correct horse battery');
		expect(a).not.toBe(b);
		expect(a.startsWith('scrypt$')).toBe(true);
		expect(await verifyPassword('correct horse battery', a)).toBe(true);
		expect(await verifyPassword('correct horse batterz', a)).toBe(false);
	});

	it('AU2: a malformed stored hash never verifies', async () => {
		for (const bad of ['', 'plain', 'scrypt$1$2', 'bcrypt$x$y$z$a$b']) expect(await verifyPassword('x', bad)).toBe(false);
	});
});
