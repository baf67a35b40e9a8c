import type { Plugin } from 'vite';
import type { Server as HttpServer } from 'node:http';

/**
 * `npm run dev`: the same Socket.IO setup as server.ts, attached to Vite's HTTP server, so the
 * app runs on one port in development too. The app is built here, once, and SvelteKit's code
 * finds it through the registry (src/lib/server/registry.ts).
 */
export function plenumDevServer(): Plugin {
	return {
		name: 'plenum-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { readConfig } = await import('./lib/server/config.ts');
			const { createApp } = await import('./lib/server/app.ts');
			const { attachToHttp } = await import('./lib/server/boot.ts');
			const port = server.config.server.port ?? 5173;
			const config = readConfig({ PUBLIC_ORIGIN: `http://localhost:${port}`, ...process.env, PORT: String(port) });
			const app = await createApp(config);
			attachToHttp(server.httpServer as HttpServer, app, { draining: false });
		}
	};
}
