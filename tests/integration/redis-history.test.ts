/**
 * G4 scaled out: Redis keeps no more history than recovery needs. The adapter's broadcast stream
 * is cut back to the recovery window (two minutes), the bus between processes to a minute; on a
 * deletion both keep only their last seconds, and kept socket states naming the event go. Real Redis, under a prefix of its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../src/lib/server/log.ts';
import { openRedis } from '../../src/lib/server/redis/link.ts';
import { BUS_KEEP_MS, READER_GRACE_MS, forgetBroadcasts, forgetEvent, trimBus } from '../../src/lib/server/redis/broadcast-history.ts';
import { RECOVERY_WINDOW_MS } from '../../src/lib/server/realtime/recovery-window.ts';
import { waitFor } from '../support/realtime.ts';

const prefix = `plenum-h-${randomBytes(4).toString('hex')}:`;
const link = openRedis('redis://127.0.0.1:6379', prefix, createLogger('silent'));

afterAll(async () => {
	for await (const keys of link.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length) await link.client.del(keys);
	await link.close();
});

/** Adds entries to a stream, each `ageMs` old (stream ids are milliseconds). */
async function entries(key: string, agesMs: number[]): Promise<void> {
	const now = Date.now();
	for (const [i, age] of [...agesMs].sort((a, b) => b - a).entries()) await link.client.xAdd(key, `${now - age}-${i}`, { m: `${age}` });
}
const ages = async (key: string) => ((await link.client.xRange(key, '-', '+')) ?? []).flatMap((e) => (e ? [Number(e.message.m)] : []));

describe('G4: the history Redis keeps', () => {
	it('the broadcast stream keeps the recovery window, the bus a minute', async () => {
		await waitFor(() => link.isUp(), 5000);
		await entries(`${prefix}sio`, [RECOVERY_WINDOW_MS + 60_000, RECOVERY_WINDOW_MS + 1000, 60_000, 1000]);
		await entries(`${prefix}bus`, [BUS_KEEP_MS + 30_000, BUS_KEEP_MS + 1000, 30_000, 1000]);
		expect(await forgetBroadcasts(link, RECOVERY_WINDOW_MS)).toBe(2);
		expect(await trimBus(link, BUS_KEEP_MS)).toBe(2);
		expect(await ages(`${prefix}sio`)).toEqual([60_000, 1000]);
		expect(await ages(`${prefix}bus`)).toEqual([30_000, 1000]);
	});

	it('a deletion trims both streams to their last seconds, and the session state naming the event goes', async () => {
		for (const key of [`${prefix}sio`, `${prefix}bus`]) {
			await link.client.del(key);
			await entries(key, [READER_GRACE_MS + 1000, 1000]);
		}
		const named = `${prefix}sio:session:a`;
		const other = `${prefix}sio:session:b`;
		await link.client.set(named, Buffer.from('\x82\xa3who\xa7event-1').toString('base64'));
		await link.client.set(other, Buffer.from('\x82\xa3who\xa7event-2').toString('base64'));
		await forgetEvent(link, 'event-1');
		expect(await ages(`${prefix}sio`)).toEqual([1000]);
		expect(await ages(`${prefix}bus`)).toEqual([1000]);
		expect(await link.client.exists(named)).toBe(0);
		expect(await link.client.exists(other)).toBe(1);
	});
});
