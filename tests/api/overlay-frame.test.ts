/**
 * S9 of quality.md: only the stage overlay may be framed, and only by the origins set in
 * OVERLAY_FRAME_ANCESTORS (a streaming page showing the results over the video); every other
 * page keeps `frame-ancestors 'none'`. The built server, configured; the unconfigured default is
 * checked in headers.test.ts. (One built server per test file: the bundle finds its app through
 * one process-wide registry.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer } from '../support/built-server.ts';
import type { Running } from '../../src/lib/server/boot.ts';
import { createOwner } from '../../src/lib/server/auth/service.ts';
import { createEvent, createSession } from '../../src/lib/server/events/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';

const STREAM = 'https://stream.example.org';
let server: Running & { origin: string };
let stage: string;

beforeAll(async () => {
	server = await startBuiltServer({ OVERLAY_FRAME_ANCESTORS: `${STREAM}, http://localhost:8080` });
	const d = server.app.deps;
	const owner = await createOwner({ email: 'o@x.de', name: 'O', password: 'secret-password-1' }, d);
	const event = {
		title: 'E',
		startsOn: '2026-05-04',
		endsOn: '2026-05-04',
		timeZone: 'Europe/Berlin',
		defaultLocale: 'de' as const,
		retentionOn: '2099-12-31'
	};
	const ev = await createEvent(event, { userId: owner.id, isAdmin: true }, d);
	const plenary = { kind: 'plenary' as const, title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null };
	const s = await createSession(ev.id, plenary, owner.id, d);
	stage = `/stage/${s.id}/${await stageTokenFor(s.id, d)}`;
});

afterAll(async () => {
	await server?.shutdown();
});

const frameAncestors = (h: Headers) =>
	(h.get('content-security-policy') ?? '')
		.split(';')
		.map((d) => d.trim().split(/\s+/))
		.find((p) => p[0] === 'frame-ancestors')
		?.slice(1);

describe('S9: framing the overlay', () => {
	it('the overlay may be framed by the configured origins only', async () => {
		const res = await fetch(`${server.origin}${stage}/overlay`);
		expect(res.status).toBe(200);
		expect(frameAncestors(res.headers)).toEqual([STREAM, 'http://localhost:8080']);
		// The rest of the policy is untouched.
		expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
	});

	it('every other page, the full stage screen included, stays unframeable', async () => {
		for (const path of [stage, '/', '/login', '/privacy']) {
			const res = await fetch(server.origin + path, { redirect: 'manual' });
			expect(res.status, path).toBeLessThan(400);
			expect(frameAncestors(res.headers), path).toEqual(["'none'"]);
		}
	});
});
