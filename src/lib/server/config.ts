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
	/** Prefix of every Redis key and stream, so installs can share one Redis. */
	redisPrefix: string;
	/** PostgreSQL connections per process. */
	dbPoolSize: number;
	/**
	 * Socket.IO transports: long-polling first with the upgrade to WebSocket (needs sticky sessions
	 * when scaled out), or `websocket` only (any balancer; no fallback for networks that break it).
	 */
	socketTransports: ('polling' | 'websocket')[];
	dataDir: string;
	logLevel: Level;
	secret: string | undefined;
	/** Q&A rate limits per participant (Q4). */
	qaQuestionsPerMinute: number;
	qaUpvotesPerMinute: number;
	/**
	 * Pages allowed to embed the stage overlay in a frame (CSP `frame-ancestors`), e.g. the
	 * streaming site. Empty: no page may frame anything of Plenum (OBS's browser source is no frame).
	 */
	overlayFrameAncestors: string[];
	/** PLENUM_BENCH=1: the benchmark's stats endpoints (/__bench/*). Never in production. */
	bench: boolean;
	/** Seconds a SIGTERM waits for open work before exiting (D2: within 10 s). */
	shutdownGraceMs: number;
}

/**
 * Q&A limits per participant and minute (Q4). Nobody types more than a few real questions a
 * minute, so 5 stops a flood without touching a person; 60 upvotes lets someone go through a long
 * list tapping once a second. Per participant, not per IP: a venue's 500 phones share one address.
 */
export const QA_RATE_DEFAULTS = { questionsPerMinute: 5, upvotesPerMinute: 60 } as const;

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got ${raw}`);
	return n;
}

function readTransports(raw: string | undefined): ('polling' | 'websocket')[] {
	if (!raw) return ['polling', 'websocket'];
	const list = raw.split(',').map((t) => t.trim());
	if (list.length === 0 || list.some((t) => t !== 'polling' && t !== 'websocket'))
		throw new Error(`SOCKET_TRANSPORTS must be "polling,websocket" or "websocket", got ${raw}`);
	return list as ('polling' | 'websocket')[];
}

/** Origins only (`https://stream.example.org`, optionally with a port): nothing that could end or widen the CSP directive. */
function readFrameAncestors(raw: string | undefined): string[] {
	const list = (raw ?? '').split(/[\s,]+/).filter(Boolean);
	for (const origin of list)
		if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin))
			throw new Error(`OVERLAY_FRAME_ANCESTORS takes origins like https://stream.example.org, separated by spaces or commas; got ${origin}`);
	return list;
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
		redisPrefix: env.REDIS_PREFIX || 'plenum:',
		dbPoolSize: positiveInt(env, 'DB_POOL_SIZE', 10),
		socketTransports: readTransports(env.SOCKET_TRANSPORTS),
		dataDir: env.DATA_DIR ?? 'data',
		logLevel: level,
		secret: env.PLENUM_SECRET || undefined,
		qaQuestionsPerMinute: positiveInt(env, 'QA_QUESTIONS_PER_MINUTE', QA_RATE_DEFAULTS.questionsPerMinute),
		qaUpvotesPerMinute: positiveInt(env, 'QA_UPVOTES_PER_MINUTE', QA_RATE_DEFAULTS.upvotesPerMinute),
		shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 8000),
		overlayFrameAncestors: readFrameAncestors(env.OVERLAY_FRAME_ANCESTORS),
		bench: env.PLENUM_BENCH === '1'
	};
}
