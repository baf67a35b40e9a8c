import { defineConfig } from 'vitest/config';

/**
 * Unit specs live beside the code (`src/**\/*.spec.ts`); integration, contract and API tests in
 * `tests/`. Each test file runs in its own process: the realtime tests open real ports and the
 * contract suite real databases.
 */
export default defineConfig({
	test: {
		include: ['src/**/*.spec.ts', 'tests/{integration,contract,api,i18n}/**/*.test.ts'],
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
