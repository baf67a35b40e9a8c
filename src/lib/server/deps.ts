import type { Db, DbKind } from './db/connect.ts';
import type { Clock } from './clock.ts';
import type { Publisher } from './realtime/publisher.ts';
import type { RateLimiter } from './auth/rate-limit.ts';

/** What every domain function may use. Built once by the composition root (app.ts). */
export interface Deps {
	db: Db;
	dbKind: DbKind;
	clock: Clock;
	publisher: Publisher;
	/** Server secret for derived tokens (stage links); stored in the settings table. */
	secret: string;
	limits: {
		loginPerAccount: RateLimiter;
		loginPerIp: RateLimiter;
		/** Q&A, per participant (Q4): questions and edits, and upvotes, per minute. */
		questionsPerParticipant: RateLimiter;
		upvotesPerParticipant: RateLimiter;
	};
	publicOrigin: string;
}
