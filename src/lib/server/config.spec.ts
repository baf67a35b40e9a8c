import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('configuration', () => {
	it('CF1: with nothing set, Plenum serves port 3000 with SQLite under data/', () => {
		const c = readConfig({});
		expect(c).toMatchObject({ port: 3000, publicOrigin: 'http://localhost:3000', dataDir: 'data', databaseUrl: undefined, redisUrl: undefined });
		expect(c).toMatchObject({ qaQuestionsPerMinute: 5, qaUpvotesPerMinute: 60 });
	});
	it('CF1: bad values are refused with a message that names the setting', () => {
		expect(() => readConfig({ PORT: 'abc' })).toThrow(/PORT/);
		expect(() => readConfig({ PUBLIC_ORIGIN: 'plenum.example.org' })).toThrow(/PUBLIC_ORIGIN/);
		expect(() => readConfig({ PUBLIC_ORIGIN: 'https://x.org/path' })).toThrow(/PUBLIC_ORIGIN/);
		expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
		expect(() => readConfig({ QA_QUESTIONS_PER_MINUTE: '0' })).toThrow(/QA_QUESTIONS_PER_MINUTE/);
		expect(() => readConfig({ QA_UPVOTES_PER_MINUTE: '2.5' })).toThrow(/QA_UPVOTES_PER_MINUTE/);
	});
	it('CF1 scaled out: Redis prefix, pool size and transports have defaults and refuse nonsense', () => {
		expect(readConfig({})).toMatchObject({ redisPrefix: 'plenum:', dbPoolSize: 10, socketTransports: ['polling', 'websocket'] });
		expect(readConfig({ REDIS_URL: 'redis://r:6379', REDIS_PREFIX: 'conf1:', DB_POOL_SIZE: '20', SOCKET_TRANSPORTS: 'websocket' })).toMatchObject({
			redisUrl: 'redis://r:6379',
			redisPrefix: 'conf1:',
			dbPoolSize: 20,
			socketTransports: ['websocket']
		});
		expect(() => readConfig({ SOCKET_TRANSPORTS: 'websocket,carrier-pigeon' })).toThrow(/SOCKET_TRANSPORTS/);
		expect(() => readConfig({ DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE/);
	});
	it('S9: OVERLAY_FRAME_ANCESTORS takes origins only, so nothing can widen the CSP', () => {
		expect(readConfig({}).overlayFrameAncestors).toEqual([]);
		expect(readConfig({ OVERLAY_FRAME_ANCESTORS: 'https://stream.example.org, http://localhost:8080' }).overlayFrameAncestors).toEqual([
			'https://stream.example.org',
			'http://localhost:8080'
		]);
		for (const bad of ['*', "'self'; script-src *", 'https://a.example/path', 'javascript:alert(1)', 'https://*.example.org'])
			expect(() => readConfig({ OVERLAY_FRAME_ANCESTORS: bad }), bad).toThrow(/OVERLAY_FRAME_ANCESTORS/);
	});

	it('CF1: a trailing slash on PUBLIC_ORIGIN is dropped', () => {
		expect(readConfig({ PUBLIC_ORIGIN: 'https://plenum.example.org/' }).publicOrigin).toBe('https://plenum.example.org');
	});
});
