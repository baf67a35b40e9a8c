/**
 * A small structured logger (one JSON line per entry). Never pass tokens, cookies or user text
 * in `fields`: logs leave the privacy boundary (quality.md S11).
 */
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
	debug(msg: string, fields?: Record<string, unknown>): void;
	info(msg: string, fields?: Record<string, unknown>): void;
	warn(msg: string, fields?: Record<string, unknown>): void;
	error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
	const min = ORDER[level];
	const emit = (lvl: Exclude<Level, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
		if (ORDER[lvl] < min) return;
		write(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...fields }));
	};
	return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
