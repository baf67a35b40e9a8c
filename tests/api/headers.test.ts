/**
 * S9 and S11 of quality.md on the built server: security headers on pages, HSTS and Secure cookies
 * only behind TLS (PUBLIC_ORIGIN https), HttpOnly and SameSite always. Two servers: one whose
 * public origin is plain http, one that is told it sits behind TLS (the proxy terminates it; the
 * process itself listens on http, as in deploy/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, freePort } from '../support/built-server.ts';
import type { Running } from '../../src/lib/server/boot.ts';
import { createOwner } from '../../src/lib/server/auth/service.ts';
import { createEvent } from '../../src/lib/server/events/service.ts';

const EVENT = {
	title: 'Smart City',
	startsOn: '2026-05-04',
	endsOn: '2026-05-04',
	timeZone: 'Europe/Berlin',
	defaultLocale: 'de' as const,
	retentionOn: '2026-06-01'
};
let plain: Running & { origin: string };
let tls: Running & { origin: string };
let tlsUrl: string;
let code: string;

beforeAll(async () => {
	plain = await startBuiltServer();
	const port = await freePort();
	tls = await startBuiltServer({ PORT: String(port), PUBLIC_ORIGIN: 'https://plenum.example.org' });
	tlsUrl = `http://127.0.0.1:${port}`;
	const owner = await createOwner({ email: 'o@x.de', name: 'O', password: 'secret-password-1' }, tls.app.deps);
	code = (await createEvent(EVENT, { userId: owner.id, isAdmin: true }, tls.app.deps)).joinCode;
});

afterAll(async () => {
	await plain?.shutdown();
	await tls?.shutdown();
});

/** The join page's form, posted as a browser on `origin` would (no name, in the room). */
const joinForm = (origin: string) =>
	fetch(`${tlsUrl}/r/${code}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: 'displayName=&via=room'
	});
const participants = async () =>
	Number(
		(
			await tls.app.deps.db
				.selectFrom('participants')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

const csp = (h: Headers) =>
	Object.fromEntries(
		(h.get('content-security-policy') ?? '')
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((p) => p[0])
			.map(([k, ...v]) => [k, v])
	);

describe('headers and cookies (S9, S11)', () => {
	it('S9: pages carry a CSP that allows only this origin and no framing, nosniff and a same-origin referrer policy; no HSTS over plain http', async () => {
		for (const path of ['/', '/login', '/privacy', '/accessibility']) {
			const res = await fetch(`${plain.origin}${path}`, { redirect: 'manual' });
			expect(res.status, path).toBeLessThan(400);
			const policy = csp(res.headers);
			expect(policy['default-src'], path).toEqual(["'self'"]);
			expect(
				policy['script-src']?.every((s: string) => s === "'self'" || s.startsWith("'nonce-") || s.startsWith("'sha256-")),
				path
			).toBe(true);
			expect(policy['connect-src'], path).toEqual(["'self'"]);
			// Unconfigured, no page may be framed; overlay-frame.test.ts sets OVERLAY_FRAME_ANCESTORS.
			expect(policy['frame-ancestors'], path).toEqual(["'none'"]);
			expect(policy['object-src'], path).toEqual(["'none'"]);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
			expect(res.headers.get('strict-transport-security'), path).toBeNull();
		}
	});

	it('S9/S11: behind TLS, pages send HSTS and the participant cookie is Secure, HttpOnly and SameSite=Lax', async () => {
		const page = await fetch(`${tlsUrl}/r/${code}`);
		expect(page.status).toBe(200);
		expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
		// Joining: the form posts back to the same page (the origin check sees the configured public origin).
		const res = await joinForm('https://plenum.example.org');
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('plenum_p_'));
		expect(cookie).toBeDefined();
		const flags = cookie!.split(';').map((f) => f.trim().toLowerCase());
		expect(flags).toContain('secure');
		expect(flags).toContain('httponly');
		expect(flags).toContain('samesite=lax');
	});

	it('S10: a cross-site form post is refused and joins nobody', async () => {
		const before = await participants();
		expect((await joinForm('https://evil.example')).status).toBe(403);
		expect(await participants()).toBe(before);
	});
});
