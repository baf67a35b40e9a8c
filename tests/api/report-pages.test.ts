/**
 * The printable report reached from where staff work: the moderation page of a session links the
 * session's report, and a workshop lead opens the report of their own workshop but not the
 * event's or another session's (session:moderate). The built server, SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer } from '../support/built-server.ts';
import { createCast, newWorld, type Cast, type World } from '../support/authz-world.ts';
import type { Running } from '../../src/lib/server/boot.ts';

let running: Running & { origin: string };
let cast: Cast;
let w: World;

beforeAll(async () => {
	running = await startBuiltServer();
	cast = await createCast(running.app.deps);
	w = await newWorld(cast, running.app.deps);
});

afterAll(async () => {
	await running?.shutdown();
});

const page = (path: string, cookie: string) => fetch(running.origin + path, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });

describe('reports from the moderation page', () => {
	it('the moderation page links the report of its session', async () => {
		const res = await page(`/admin/events/${w.eventId}/sessions/${w.session}`, cast.owner.cookie);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain(`href="/admin/events/${w.eventId}/report?session=${w.session}"`);
		const report = await page(`/admin/events/${w.eventId}/report?session=${w.session}`, cast.owner.cookie);
		expect(report.status).toBe(200);
	});

	it("a workshop lead opens their workshop's report, not the event's nor another session's", async () => {
		const own = await page(`/admin/events/${w.eventId}/sessions/${w.leadSession}`, cast.leadOther.cookie);
		expect(await own.text()).toContain(`report?session=${w.leadSession}`);
		expect((await page(`/admin/events/${w.eventId}/report?session=${w.leadSession}`, cast.leadOther.cookie)).status).toBe(200);
		expect((await page(`/admin/events/${w.eventId}/report?session=${w.session}`, cast.leadOther.cookie)).status).toBe(403);
		expect((await page(`/admin/events/${w.eventId}/report`, cast.leadOther.cookie)).status).toBe(403);
		expect((await page(`/admin/events/${w.eventId}/report`, cast.moderator.cookie)).status).toBe(200);
		expect((await page(`/admin/events/${w.eventId}/report`, cast.stranger.cookie)).status).toBe(404);
	});
});
