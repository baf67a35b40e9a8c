import type { Level } from './log.ts';

/** Every setting Plenum reads, with its default; documented in .env.example and the README. */
export interface Config {
	port: number;
	host: string;
	publicOrigin: string;
	/** Extra origins allowed to open sockets (comma separated), e.g. a second hostname. */
	extraOrigins: string[];
	databaseUrl: string | undefined;
	redisUrl: string | undefined;
	dataDir: string;
	logLevel: Level;
	secret: string | undefined;
	/** Seconds a SIGTERM waits for open work before exiting (D2: within 10 s). */
	shutdownGraceMs: number;
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const port = Number(env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
	const publicOrigin = (env.PUBLIC_ORIGIN ?? `http://localhost:${port}`).replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+$/.test(publicOrigin)) throw new Error(`PUBLIC_ORIGIN must look like https://plenum.example.org, got ${publicOrigin}`);
	const level = (env.LOG_LEVEL ?? 'info') as Level;
	if (!['debug', 'info', 'warn', 'error', 'silent'].includes(level)) throw new Error(`LOG_LEVEL must be debug, info, warn, error or silent`);
	return {
		port,
		host: env.HOST ?? '0.0.0.0',
		publicOrigin,
		extraOrigins: (env.EXTRA_ORIGINS ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		databaseUrl: env.DATABASE_URL || undefined,
		redisUrl: env.REDIS_URL || undefined,
		dataDir: env.DATA_DIR ?? 'data',
		logLevel: level,
		secret: env.PLENUM_SECRET || undefined,
		shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 8000)
	};
}
