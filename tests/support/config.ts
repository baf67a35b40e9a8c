import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, type Config } from '../../src/lib/server/config.ts';

// Test processes are short-lived; their data directories go with them.
const dirs: string[] = [];
process.once('exit', () => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A config for one test: its own SQLite file in a temp dir, an ephemeral port, quiet logs. */
export function testConfig(env: Record<string, string> = {}): Config {
	const dir = mkdtempSync(join(tmpdir(), 'plenum-test-'));
	dirs.push(dir);
	const base = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '2000', ...env });
	return base;
}
