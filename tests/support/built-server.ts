import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type NodeHandler, type Running } from '../../src/lib/server/boot.ts';
import { testConfig } from './config.ts';

/**
 * Starts the real server (health, Socket.IO and the built SvelteKit handler) on an ephemeral
 * port. Requires `npm run build` first; `npm test` builds before it runs the tests.
 * PUBLIC_ORIGIN must equal the address tests use (CSRF and origin checks), so a free port is
 * picked first and the server is told its origin up front.
 */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<Running & { origin: string }> {
	const handlerFile = resolve('build/handler.js');
	if (!existsSync(handlerFile)) throw new Error('build/handler.js is missing: run `npm run build` first');
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const config = testConfig({ PORT: String(port), PUBLIC_ORIGIN: origin, ...env });
	const running = await startServer(config, { loadHandler: async () => ((await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler }).handler });
	return Object.assign(running, { origin });
}

export async function freePort(): Promise<number> {
	const { createServer } = await import('node:net');
	return new Promise((res, rej) => {
		const s = createServer();
		s.once('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => res(port));
		});
	});
}
