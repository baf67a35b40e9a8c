import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './built-server.ts';
import { waitFor } from './realtime.ts';

/** Answers a raw RESP PING with +PONG within 500 ms? (Any Redis does, so the port must be the test's own.) */
export function pings(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const s = connect({ host: '127.0.0.1', port });
		const done = (ok: boolean) => {
			s.destroy();
			resolve(ok);
		};
		s.setTimeout(500, () => done(false));
		s.once('error', () => done(false));
		s.once('connect', () => s.write('PING\r\n'));
		s.once('data', (d: Buffer) => done(d.toString().startsWith('+PONG')));
	});
}

/**
 * A redis-server of the test's own on a spare port (never 6379: killing it must touch nobody
 * else), without persistence: `kill()` loses everything, and `launch()` again brings back an empty
 * Redis on the same port, as after a crash. For the tests of a Redis outage (D4).
 */
export class RedisServer {
	readonly logs: string[] = [];
	readonly port: number;
	private readonly dir: string;
	private child: ChildProcess | null = null;

	private constructor(port: number) {
		this.port = port;
		this.dir = mkdtempSync(join(tmpdir(), 'plenum-redis-'));
	}

	/** A new redis-server on a free port, answering PING; one that does not come up is killed and removed again. */
	static async start(): Promise<RedisServer> {
		const r = new RedisServer(await freePort());
		try {
			await r.launch();
		} catch (e) {
			await r.close();
			throw e;
		}
		return r;
	}

	/** The address processes are told (REDIS_URL). */
	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts redis-server (again) on its port and resolves with the moment (performance.now()) it answered PING. */
	async launch(): Promise<number> {
		const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		for (const out of [child.stdout!, child.stderr!]) out.on('data', (d: Buffer) => this.logs.push(d.toString()));
		// Not installed, say: reported with the logs below instead of as an uncaught error event.
		child.on('error', (e) => this.logs.push(String(e)));
		this.child = child;
		const answering = async () => {
			if (child.exitCode !== null) throw new Error('exited');
			return pings(this.port);
		};
		await waitFor(answering, 10_000).catch(() => {
			throw new Error(`redis-server ${child.exitCode !== null ? 'exited' : 'not answering in 10 s'}: ${this.logs.join('')}`);
		});
		return performance.now();
	}

	/** Ends redis-server with a signal (SIGKILL: no goodbye to its clients) and waits until it is gone. */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const child = this.child;
		this.child = null;
		if (child && child.exitCode === null && child.signalCode === null) await new Promise((gone) => child.once('exit', gone).kill(signal));
	}

	/** Kills it and removes its directory (afterAll). */
	async close(): Promise<void> {
		await this.kill();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
