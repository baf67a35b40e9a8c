import type { App } from './app.ts';
import type { Realtime } from './realtime/attach.ts';

/**
 * The running app, shared between the process entry (server.ts or the Vite plugin) and
 * SvelteKit's bundled server code. In development Vite loads modules in two graphs; a global
 * is the one thing both see, so the app is built once and found here.
 */
interface Running {
	app: App;
	realtime: Realtime;
	isDraining(): boolean;
}
const KEY = Symbol.for('plenum.running');
type G = typeof globalThis & { [KEY]?: Running };

export function setRunning(r: Running): void {
	(globalThis as G)[KEY] = r;
}

export function getRunning(): Running {
	const r = (globalThis as G)[KEY];
	if (!r) throw new Error('Plenum is not booted: start it with `npm start` (server.ts) or `npm run dev`');
	return r;
}
