/**
 * The process as operators run it: `node server.ts` on the built app, the CLI, PostgreSQL mode,
 * and a graceful SIGTERM (OP1, CF1, AU1).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { freePort } from '../support/built-server.ts';
import { startServer } from '../../src/lib/server/boot.ts';
import { testConfig } from '../support/config.ts';
import { postgresDb } from '../support/databases.ts';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol.ts';

function run(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.on('exit', (code) => resolve({ code, out }));
		child.stdin.end(input ?? '');
	});
}

describe('CLI', () => {
	it('AU1: create-owner makes the first account from a password on stdin, and refuses a second', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'plenum-cli-'));
		const first = await run(
			['src/cli.ts', 'create-owner', '--email', 'Orga@Example.org', '--name', 'Orga'],
			{ DATA_DIR: dir, LOG_LEVEL: 'silent' },
			'a long enough password\n'
		);
		expect(first.out).toContain('owner account created for orga@example.org');
		expect(first.code).toBe(0);
		const second = await run(['src/cli.ts', 'create-owner', '--email', 'b@example.org', '--name', 'B'], {
			DATA_DIR: dir,
			LOG_LEVEL: 'silent',
			PLENUM_OWNER_PASSWORD: 'another long password'
		});
		expect(second.code).toBe(1);
		expect(second.out).toContain('exists already');
		const usage = await run(['src/cli.ts', 'create-owner'], { DATA_DIR: dir });
		expect(usage.code).toBe(2);
	});
});

describe('PostgreSQL mode', () => {
	let drop: (() => Promise<void>) | null = null;
	afterAll(async () => drop?.());

	it('CF1: DATABASE_URL=postgres://… runs migrations and serves on PostgreSQL', async () => {
		const pg = await postgresDb.open();
		drop = pg.drop;
		await pg.close();
		const srv = await startServer(testConfig({ DATABASE_URL: pg.url }));
		try {
			expect(srv.app.deps.dbKind).toBe('postgres');
			expect(await (await fetch(`${srv.url}/readyz`)).text()).toBe('ready');
		} finally {
			await srv.shutdown();
		}
	});
});

describe('server.ts', () => {
	it('OP1: starts on the built app, serves pages and health, and drains on SIGTERM with exit code 0', async () => {
		expect(existsSync('build/handler.js'), 'run `npm run build` first (npm test does)').toBe(true);
		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		const dir = mkdtempSync(join(tmpdir(), 'plenum-proc-'));
		const child = spawn(process.execPath, ['server.ts'], {
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_ORIGIN: origin, DATA_DIR: dir, LOG_LEVEL: 'info' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let log = '';
		child.stderr.on('data', (d: Buffer) => (log += d.toString()));
		const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
		const end = Date.now() + 20_000;
		while (Date.now() < end) {
			const ok = await fetch(`${origin}/readyz`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect((await fetch(`${origin}/healthz`)).status).toBe(200);
		const home = await fetch(`${origin}/setup`);
		expect(home.status).toBe(200);
		expect(await home.text()).toContain('<html lang="de"');
		// Socket.IO is attached to the same port: a handshake without a login reaches authentication.
		const sock = io(origin, { auth: { v: PROTOCOL_VERSION, role: 'staff' }, extraHeaders: { origin }, transports: ['websocket'], reconnection: false });
		const refusal = await new Promise<{ data?: { code?: string } }>((r) => sock.once('connect_error', r));
		expect(refusal.data?.code).toBe('unauthenticated');
		sock.close();
		const t0 = Date.now();
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(Date.now() - t0).toBeLessThan(10_000);
		expect(log).toContain('draining');
		expect(log).not.toMatch(/password|token=/i);
	});
});
