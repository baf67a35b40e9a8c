import { describe, expect, it } from 'vitest';
import { isNewer } from './stage.ts';

describe('stage state versions', () => {
	it('ST2: a newer snapshot replaces an older one, never the reverse', () => {
		expect(isNewer({ version: 3 }, { version: 2 })).toBe(true);
		expect(isNewer({ version: 2 }, { version: 3 })).toBe(false);
		expect(isNewer({ version: 3 }, { version: 3 })).toBe(false);
		expect(isNewer({ version: 0 }, null)).toBe(true);
	});
});
