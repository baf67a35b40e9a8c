import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './built-server.ts';

/**
 * Runs the production server (`node server.ts` on the built app) as a child process, the way
 * `npm start` does, on a free port with its own data directory. `restart()` stops it with
 * SIGTERM and starts it again on the same port and data, as an operator would; `kill()` ends it
 * without warning (the fault tests), `launch()` brings it back. Used by the end-to-end tests and
 * the scale-out and crash tests.
 */
export class PlenumProcess {
	readonly origin: string;
	readonly port: number;
	readonly dataDir: string;
	private child: ChildProcess | null = null;
	readonly logs: string[] = [];
	private extraEnv: Record<string, string> = {};

	private constructor(port: number, dataDir: string) {
		this.port = port;
		this.dataDir = dataDir;
		this.origin = `http://127.0.0.1:${port}`;
	}

	/** `env`: extra settings for this server, e.g. a higher Q&A rate limit. */
	static async start(env: Record<string, string> = {}): Promise<PlenumProcess> {
		const p = new PlenumProcess(await freePort(), mkdtempSync(join(tmpdir(), 'plenum-e2e-')));
		p.extraEnv = env;
		await p.launch();
		return p;
	}

	/** Ends the process with a signal (SIGKILL: no drain) and waits until it is gone. */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill(signal);
		await exited;
		this.child = null;
	}

	/** Is the process running? */
	get alive(): boolean {
		return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Starts the process (again) on its port and data, and waits until /readyz answers. */
	async launch(): Promise<void> {
		const child = spawn(process.execPath, ['server.ts'], {
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				PUBLIC_ORIGIN: this.origin,
				DATA_DIR: this.dataDir,
				LOG_LEVEL: 'info',
				...this.extraEnv
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d: Buffer) => this.logs.push(d.toString()));
		child.stderr!.on('data', (d: Buffer) => this.logs.push(d.toString()));
		this.child = child;
		const end = Date.now() + 30_000;
		while (Date.now() < end) {
			if (child.exitCode !== null) throw new Error(`server exited: ${this.logs.join('')}`);
			try {
				if ((await fetch(`${this.origin}/readyz`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`server not ready in 30 s: ${this.logs.join('')}`);
	}

	/** Creates the owner account through the CLI unless one exists (tests that skip the setup page). */
	async ensureOwner(owner: { email: string; name: string; password: string }): Promise<void> {
		const child = spawn(process.execPath, ['src/cli.ts', 'create-owner', '--email', owner.email, '--name', owner.name], {
			env: { ...process.env, DATA_DIR: this.dataDir, LOG_LEVEL: 'silent', PLENUM_OWNER_PASSWORD: owner.password },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
		const code = await new Promise<number | null>((r) => child.on('exit', r));
		if (code !== 0 && !out.includes('exists already')) throw new Error(`create-owner failed: ${out}`);
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
		this.child = null;
	}

	async restart(downtimeMs = 0): Promise<void> {
		await this.stop();
		if (downtimeMs) await new Promise((r) => setTimeout(r, downtimeMs));
		await this.launch();
	}
}
