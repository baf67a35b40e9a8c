/**
 * Production entry: `node server.ts` (Node 24 strips the types). One HTTP server serves the
 * health endpoints, Socket.IO and SvelteKit's built handler on one port.
 */
import { readConfig } from './src/lib/server/config.ts';
import { startServer, type NodeHandler } from './src/lib/server/boot.ts';

const config = readConfig();
const handlerPath = new URL('./build/handler.js', import.meta.url).href;
const started = Date.now();
const running = await startServer(config, {
	loadHandler: async () => ((await import(handlerPath)) as { handler: NodeHandler }).handler
});
running.app.log.info('ready', { ms: Date.now() - started, url: config.publicOrigin });

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		running.app.log.info('draining', { signal });
		// A drain that hangs must not keep a rolling restart waiting forever (D2: exit within 10 s).
		setTimeout(() => process.exit(1), config.shutdownGraceMs + 2000).unref();
		running.shutdown().then(
			() => process.exit(0),
			() => process.exit(1)
		);
	});
}
