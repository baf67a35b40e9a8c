/**
 * Every view, as the person who uses it (issue 8): A1 (axe-core, no serious or critical
 * violation), G1 (not one request to another host) and G2 (only the documented cookies and
 * storage keys, docs/privacy.md). The list of views is read from src/routes, so a new page
 * without a visit here fails the test. Data is seeded through the domain into the server's own
 * SQLite file; the pages are visited in Debian's Chromium.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PlenumProcess } from '../support/plenum-process.ts';
import { expectAccessible } from './support/axe.ts';
import { newContext } from './support/flows.ts';
import { createSession } from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { createPoll, openPoll } from '../../src/lib/server/polls/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../../src/lib/server/boards/board.ts';
import { createInvite } from '../../src/lib/server/invites/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';
import { berlin } from './support/flows.ts';
import { seedAsOwner, todayEvent } from './support/seed.ts';

const OWNER = { name: 'Orga Team', email: 'orga@example.org', password: 'a long enough password' };

/** Every +page.svelte under src/routes, as its route pattern ('/e/[code]/s/[sid]'). */
function routes(dir = 'src/routes'): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) out.push(...routes(p));
		else if (name === '+page.svelte') out.push('/' + relative('src/routes', dir).split('\\').join('/'));
	}
	return out.map((r) => (r === '/' ? '/' : r.replace(/\/$/, '')));
}

type Who = 'anonymous' | 'owner' | 'phone';
interface Scene {
	eventId: string;
	eventCode: string;
	sessionId: string;
	sessionCode: string;
	workshopId: string;
	boardId: string;
	stageToken: string;
	inviteToken: string;
	phoneCookie: { name: string; value: string };
}

/** Each view: who visits it, and where (the test fails for a route missing here). */
const VIEWS: Record<string, { who: Who; url: (s: Scene) => string }> = {
	'/': { who: 'owner', url: () => '/' },
	'/accessibility': { who: 'anonymous', url: () => '/accessibility' },
	'/privacy': { who: 'anonymous', url: () => '/privacy' },
	'/leichte-sprache': { who: 'anonymous', url: () => '/leichte-sprache' },
	'/login': { who: 'anonymous', url: () => '/login' },
	'/logout': { who: 'owner', url: () => '/logout' },
	'/setup': { who: 'anonymous', url: () => '/setup' },
	'/invite/[token]': { who: 'anonymous', url: (s) => `/invite/${s.inviteToken}` },
	'/admin': { who: 'owner', url: () => '/admin' },
	'/admin/tokens': { who: 'owner', url: () => '/admin/tokens' },
	'/admin/events/new': { who: 'owner', url: () => '/admin/events/new' },
	'/admin/events/[id]': { who: 'owner', url: (s) => `/admin/events/${s.eventId}` },
	'/admin/events/[id]/agenda/[sid]/edit': { who: 'owner', url: (s) => `/admin/events/${s.eventId}/agenda/${s.sessionId}/edit` },
	'/admin/events/[id]/boards': { who: 'owner', url: (s) => `/admin/events/${s.eventId}/boards` },
	'/admin/events/[id]/boards/[boardId]': { who: 'owner', url: (s) => `/admin/events/${s.eventId}/boards/${s.boardId}` },
	'/admin/events/[id]/poster': { who: 'owner', url: (s) => `/admin/events/${s.eventId}/poster` },
	'/admin/events/[id]/report': { who: 'owner', url: (s) => `/admin/events/${s.eventId}/report` },
	'/admin/events/[id]/sessions/[sid]': { who: 'owner', url: (s) => `/admin/events/${s.eventId}/sessions/${s.sessionId}` },
	'/admin/events/[id]/sessions/[sid]/participants': { who: 'owner', url: (s) => `/admin/events/${s.eventId}/sessions/${s.workshopId}/participants` },
	'/r/[code]': { who: 'anonymous', url: (s) => `/r/${s.sessionCode}` },
	'/o/[code]': { who: 'anonymous', url: (s) => `/o/${s.sessionCode}` },
	'/e/[code]': { who: 'phone', url: (s) => `/e/${s.eventCode}` },
	'/e/[code]/s/[sid]': { who: 'phone', url: (s) => `/e/${s.eventCode}/s/${s.sessionId}` },
	'/e/[code]/b/[boardId]': { who: 'phone', url: (s) => `/e/${s.eventCode}/b/${s.boardId}` },
	'/stage/[sid]/[token]': { who: 'anonymous', url: (s) => `/stage/${s.sessionId}/${s.stageToken}` },
	'/stage/[sid]/[token]/overlay': { who: 'anonymous', url: (s) => `/stage/${s.sessionId}/${s.stageToken}/overlay` }
};
/** Error views, reached by a wrong code or link. */
const ERRORS: Record<string, { who: Who; url: string }> = {
	'unknown join code': { who: 'anonymous', url: '/r/ZZZZZZ' },
	'unknown event for a phone': { who: 'anonymous', url: '/e/ZZZZZZ' },
	'broken stage link': { who: 'anonymous', url: '/stage/x/y' },
	'unknown page': { who: 'anonymous', url: '/nowhere' }
};

/** docs/privacy.md, "In the browser": the only cookies and storage keys there may be. */
const ALLOWED_COOKIES = [/^plenum_p_[\w-]+$/, /^plenum_session$/, /^PARAGLIDE_LOCALE$/];
const ALLOWED_STORAGE = [/^plenum\.pending\.v1$/, /^sveltekit:/];

let server: PlenumProcess;
let scene: Scene;

test.beforeAll(async () => {
	server = await PlenumProcess.start();
	await server.ensureOwner(OWNER);
	scene = await seedAsOwner(server, OWNER.email, async (d, ownerId) => {
		const ev = await todayEvent(d, ownerId, 'Smart City Tag: Verwaltungsdigitalisierungskongress', 'de');
		const s = await createSession(
			ev.id,
			{ kind: 'plenary', title: 'Keynote', startsAt: berlin(-30), endsAt: berlin(60), room: 'Saal 1', livestreamUrl: null },
			ownerId,
			d
		);
		const w = await createSession(
			ev.id,
			{ kind: 'workshop', title: 'Workshop A: Bürgerbeteiligungsplattformen', startsAt: berlin(90), endsAt: berlin(180), room: 'Raum 2', livestreamUrl: null },
			ownerId,
			d
		);
		const poll = await createPoll(
			s.id,
			{
				kind: 'single',
				question: 'Wie kommen Sie zur Arbeit?',
				options: ['Rad', 'Bus', 'Auto'],
				allowChange: true,
				resultsVisibility: 'live',
				showNames: false
			},
			ownerId,
			d
		);
		await openPoll(poll.id, ownerId, d);
		const board = await createBoard(ev.id, { title: 'Workshops am Nachmittag', mode: 'fcfs', lotteryDeadline: null }, ownerId, d);
		await addWorkshop(board.id, { sessionId: w.id, capacity: 20, description: 'Mobilität' }, ownerId, d);
		await setBoardState(board.id, 'open', ownerId, d);
		const phone = await joinEvent({ eventId: ev.id, via: 'room' }, d);
		return {
			eventId: ev.id,
			eventCode: ev.joinCode,
			sessionId: s.id,
			sessionCode: s.joinCode,
			workshopId: w.id,
			boardId: board.id,
			stageToken: await stageTokenFor(s.id, d),
			inviteToken: (await createInvite({ eventId: ev.id, role: 'moderator', sessionIds: [] }, ownerId, d)).token,
			phoneCookie: { name: participantCookieName(ev.id), value: phone.token }
		};
	});
});
test.afterAll(async () => {
	await server?.stop();
});

async function contextFor(who: Who, browser: Parameters<typeof newContext>[0], opts: Parameters<typeof newContext>[1] = {}): Promise<BrowserContext> {
	const ctx = await newContext(browser, opts);
	if (who === 'phone') await ctx.addCookies([{ ...scene.phoneCookie, url: server.origin }]);
	if (who === 'owner') {
		const page = await ctx.newPage();
		await page.goto(server.origin + '/login');
		await page.locator('input[type=email]').fill(OWNER.email);
		await page.locator('input[type=password]').fill(OWNER.password);
		await page.locator('form button[type=submit]').last().click();
		await page.waitForURL((u) => u.pathname.startsWith('/admin'));
		await page.close();
	}
	return ctx;
}

/** Visits a URL, lets its live parts connect, and returns every request the page made. */
async function visit(page: Page, url: string): Promise<string[]> {
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await page.goto(server.origin + url);
	await page.waitForLoadState('networkidle').catch(() => undefined);
	return requests;
}

test('every view: accessible, no request to another host, only the documented storage', async ({ browser }) => {
	test.setTimeout(240_000);
	expect(Object.keys(VIEWS).sort(), 'a view in src/routes without a visit here').toEqual(routes().sort());
	const contexts: Partial<Record<Who, BrowserContext>> = {};
	const foreign: string[] = [];
	const visits = [
		...Object.entries(VIEWS).map(([route, v]) => ({ label: route, who: v.who, url: v.url(scene) })),
		...Object.entries(ERRORS).map(([label, v]) => ({ label, who: v.who, url: v.url }))
	];
	// Logging out last: the owner's visits need the login.
	visits.sort((a, b) => Number(a.label === '/logout') - Number(b.label === '/logout'));
	for (const v of visits) {
		const ctx = (contexts[v.who] ??= await contextFor(v.who, browser));
		const page = await ctx.newPage();
		const requests = await visit(page, v.url);
		for (const r of requests) if (!r.startsWith(server.origin) && !r.startsWith('data:') && !r.startsWith('blob:')) foreign.push(`${v.label}: ${r}`);
		await expectAccessible(page, v.label);
		await page.close();
	}
	expect(foreign, 'requests to another host (G1)').toEqual([]);

	const stray: string[] = [];
	const seen: string[] = [];
	for (const [who, ctx] of Object.entries(contexts)) {
		for (const c of await ctx.cookies()) {
			seen.push(`${who} ${c.name}`);
			if (!ALLOWED_COOKIES.some((re) => re.test(c.name))) stray.push(`${who} cookie ${c.name}`);
		}
		const page = await ctx.newPage();
		await page.goto(server.origin + '/privacy');
		const keys = await page.evaluate(() => [...Object.keys(localStorage).map((k) => `local ${k}`), ...Object.keys(sessionStorage).map((k) => `session ${k}`)]);
		for (const k of keys) if (!ALLOWED_STORAGE.some((re) => re.test(k.split(' ')[1]!))) stray.push(`${who} ${k}`);
		await page.close();
	}
	expect(stray, 'cookies or storage keys not in docs/privacy.md (G2)').toEqual([]);
	// The check saw the cookies it should (the owner logged out last, so only the phone's remains).
	expect(seen).toContain(`phone ${scene.phoneCookie.name}`);
	for (const ctx of Object.values(contexts)) await ctx.close();
});

/**
 * Everything on the page, header and footer included, that reaches past the viewport: what reflow
 * (WCAG 1.4.10) forbids. Three looks, because each misses what the others see: the page's own
 * scroll width, every element's box, and every line of text (a long word runs out of its box
 * without widening the box). Every <details> is opened first, so what a tap reveals is measured
 * too. Left out: what is hidden on purpose (clipped to a pixel for screen readers, or the skip
 * link parked left of the page until it has focus).
 */
async function sideways(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		for (const d of document.querySelectorAll('details')) d.open = true;
		await document.fonts.ready;
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
		const width = document.documentElement.clientWidth;
		const name = (el: Element) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('');
		const hidden = (el: Element | null): boolean => {
			for (let e = el; e && e !== document.body; e = e.parentElement) {
				const st = getComputedStyle(e);
				const r = e.getBoundingClientRect();
				if (st.clip !== 'auto' || st.clipPath !== 'none' || (r.width > 0 && r.right <= 0)) return true;
			}
			return false;
		};
		const out: string[] = [];
		const scroll = document.documentElement.scrollWidth;
		if (scroll > width) out.push(`the page is ${scroll} px wide`);
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > width + 1 || r.left < -1) && !hidden(el)) out.push(`${name(el)} from ${Math.round(r.left)} to ${Math.round(r.right)} px`);
		}
		const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = texts.nextNode(); n; n = texts.nextNode()) {
			if (!n.textContent?.trim() || hidden(n.parentElement)) continue;
			const range = document.createRange();
			range.selectNodeContents(n);
			const r = range.getBoundingClientRect();
			if (r.width > 0 && (r.right > width + 1 || r.left < -1))
				out.push(`text "${n.textContent.trim().slice(0, 30)}" in ${name(n.parentElement!)} to ${Math.round(r.right)} px`);
		}
		return out;
	});
}

/** The views checked at 320 px with 200% text: the phone and join views, and what staff use on a phone. */
const REFLOW: string[] = [
	'/e/[code]',
	'/e/[code]/s/[sid]',
	'/e/[code]/b/[boardId]',
	'/r/[code]',
	'/leichte-sprache',
	'/login',
	'/admin',
	'/admin/events/new',
	'/admin/events/[id]',
	'/admin/events/[id]/sessions/[sid]',
	'/admin/events/[id]/boards/[boardId]',
	'/admin/tokens'
];

test('A4/A5: at 320 px with text at 200%, in German and English, nothing reaches past the screen, and with reduced motion nothing moves', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const wide: string[] = [];
	const moving: string[] = [];
	for (const locale of ['de', 'en']) {
		const contexts: Partial<Record<Who, BrowserContext>> = {};
		for (const route of REFLOW) {
			const { who, url } = VIEWS[route]!;
			const ctx = (contexts[who] ??= await contextFor(who, browser, { viewport: { width: 320, height: 640 }, isMobile: true, reducedMotion: 'reduce' }));
			await ctx.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: server.origin }]);
			const page = await ctx.newPage();
			await visit(page, url(scene));
			expect(await page.locator('html').getAttribute('lang'), `${route} in ${locale}`).toBe(locale);
			// The site header and footer are there: the check covers the whole page, not only main.
			await expect(page.locator('.site-header')).toBeVisible();
			await expect(page.locator('.site-footer')).toBeVisible();
			// 200% text: the root font size doubled, as a browser's text-size setting does.
			await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
			for (const w of await sideways(page)) wide.push(`${locale} ${route}: ${w}`);
			const animated = await page.evaluate(
				() =>
					[...document.querySelectorAll('*')]
						.map((el) => getComputedStyle(el))
						.filter((s) => parseFloat(s.transitionDuration) > 0.001 || (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0.001)).length
			);
			if (animated) moving.push(`${locale} ${route}: ${animated} elements still animate`);
			await page.close();
		}
		for (const ctx of Object.values(contexts)) await ctx.close();
	}
	expect(wide, 'wider than a 320 px screen at 200% text (A4)').toEqual([]);
	expect(moving, 'transitions or animations despite reduced motion (A5)').toEqual([]);
});

test('the event report prints: charts and figures on the page, no site navigation or buttons, and a PDF comes out', async ({ browser }) => {
	const ctx = await contextFor('owner', browser);
	const page = await ctx.newPage();
	await visit(page, VIEWS['/admin/events/[id]/report']!.url(scene));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Smart City Tag');
	await expect(page.getByRole('heading', { name: 'Wie kommen Sie zur Arbeit?' })).toBeVisible();
	// The poll's figures as a table: everyone, in the room, online.
	await expect(page.locator('table').first()).toContainText('Rad');
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: /print/i })).toBeHidden();
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.locator('.site-footer')).toBeHidden();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(10_000);
	await ctx.close();
});
