import { randomBytes } from 'node:crypto';
import type { Config } from './config.ts';
import { openDatabase, type Db, type DbHandle } from './db/connect.ts';
import { systemClock, type Clock } from './clock.ts';
import { memoryRateLimiter } from './auth/rate-limit.ts';
import { lateBoundPublisher } from './realtime/publisher.ts';
import { createLogger, type Logger } from './log.ts';
import { openRedis, type RedisLink } from './redis/link.ts';
import { redisRateLimiter } from './redis/rate-limit.ts';
import type { Deps } from './deps.ts';

export interface App {
	config: Config;
	deps: Deps;
	log: Logger;
	db: DbHandle;
	bindPublisher: ReturnType<typeof lateBoundPublisher>['bind'];
	/** Scaled out (REDIS_URL): the link the Socket.IO adapter, the bus and the rate limits use. */
	redis: RedisLink | null;
	close(): Promise<void>;
}

/** Login: 10 attempts per account and 30 per IP address per 15 minutes (a venue shares one IP). */
const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * The composition root (style: one place that builds the dependencies). server.ts, the Vite
 * plugin in development, the CLI and the tests all boot Plenum through here.
 */
export async function createApp(config: Config, opts: { clock?: Clock; log?: Logger } = {}): Promise<App> {
	const log = opts.log ?? createLogger(config.logLevel);
	const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
	const { publisher, bind } = lateBoundPublisher();
	const redis = config.redisUrl ? openRedis(config.redisUrl, config.redisPrefix, log) : null;
	const limiter = (name: string, limit: number, windowMs: number) =>
		redis ? redisRateLimiter(redis, name, limit, windowMs) : memoryRateLimiter(limit, windowMs);
	const deps: Deps = {
		db: db.db,
		dbKind: db.kind,
		clock: opts.clock ?? systemClock,
		publisher,
		secret: config.secret ?? (await loadOrCreateSecret(db.db)),
		limits: {
			loginPerAccount: limiter('login-account', 10, LOGIN_WINDOW_MS),
			loginPerIp: limiter('login-ip', 30, LOGIN_WINDOW_MS),
			questionsPerParticipant: limiter('questions', config.qaQuestionsPerMinute, 60_000),
			upvotesPerParticipant: limiter('upvotes', config.qaUpvotesPerMinute, 60_000)
		},
		publicOrigin: config.publicOrigin
	};
	return {
		config,
		deps,
		log,
		db,
		bindPublisher: bind,
		redis,
		close: async () => {
			await redis?.close();
			await db.close();
		}
	};
}

/**
 * The server secret signs stage links. Kept in the database so every process of a scaled-out
 * install derives the same links; `ON CONFLICT DO NOTHING` lets two processes start at once.
 */
async function loadOrCreateSecret(db: Db): Promise<string> {
	const existing = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirst();
	if (existing) return existing.value;
	await db
		.insertInto('settings')
		.values({ key: 'secret', value: randomBytes(32).toString('base64url') })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
	return row.value;
}
