import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, type Config } from '../../src/lib/server/config.ts';

/** A config for one test: its own SQLite file in a temp dir, an ephemeral port, quiet logs. */
export function testConfig(env: Record<string, string> = {}): Config {
	const dir = mkdtempSync(join(tmpdir(), 'plenum-test-'));
	// Test processes are short-lived; their data directories go with them.
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	const base = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '2000', ...env });
	return base;
}
