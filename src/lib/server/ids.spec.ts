import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('ids', () => {
	it('P10: ids never start with a character a spreadsheet or a shell reads specially', () => {
		const ids = Array.from({ length: 20_000 }, newId);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
