/**
 * The foundation end to end, in Debian's Chromium with several browser contexts (issue 2):
 * the owner sets up and builds an event with two sessions, prints the poster; a phone decodes
 * the poster's QR code from a screenshot, follows it and joins; the stage screen counts the phone
 * and comes back by itself after the server restarts. axe-core checks every page on the way (A1).
 */
import { expect, test, type Page } from '@playwright/test';
import { PlenumProcess } from '../support/plenum-process.ts';
import { decodeQr } from './support/qr.ts';
import { expectAccessible } from './support/axe.ts';
import { addSession, createEvent, newContext, tabTo } from './support/flows.ts';

const OWNER = { name: 'Orga Team', email: 'orga@example.org', password: 'a long enough password' };

let server: PlenumProcess;
test.beforeAll(async () => {
	server = await PlenumProcess.start();
});
test.afterAll(async () => {
	await server?.stop();
});

async function setUpOwner(page: Page) {
	await page.goto(server.origin + '/');
	await expect(page).toHaveURL(/\/setup$/);
	await expectAccessible(page, 'setup');
	await page.locator('#account-name').fill(OWNER.name);
	await page.locator('#account-email').fill(OWNER.email);
	await page.locator('#account-password').fill(OWNER.password);
	await page.locator('#account-password-confirm').fill(OWNER.password);
	await page.locator('form button[type=submit]').last().click();
	await expect(page).toHaveURL(/\/admin$/);
}

test('owner sets up an event, a phone joins from the poster QR, the stage counts it and survives a restart', async ({ browser }) => {
	// Owner: setup, event, two sessions (the keynote is live now).
	const owner = await (await newContext(browser)).newPage();
	await setUpOwner(owner);
	await expectAccessible(owner, 'admin');
	const eventId = await createEvent(owner, server.origin, 'Smart City Tag 2026');
	await addSession(owner, { kind: 'plenary', title: 'Keynote: Daten für alle', from: -30, to: 60, room: 'Saal 1' });
	await addSession(owner, { kind: 'workshop', title: 'Workshop A: Mobilität', from: 90, to: 180, room: 'Raum 2' });
	await owner.reload();
	await expectAccessible(owner, 'event');

	// The poster, decoded from a screenshot as a phone camera would read it.
	await owner.goto(`${server.origin}/admin/events/${eventId}/poster`);
	await expectAccessible(owner, 'poster');
	const qr = owner.getByTestId('poster-qr');
	await expect(qr).toBeVisible();
	await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
	const joinUrl = decodeQr(await qr.screenshot());
	expect(joinUrl).toMatch(new RegExp(`^${server.origin}/r/[A-Z2-9]{6}$`));

	// The keynote's moderator view gives the stage link.
	await owner.goto(`${server.origin}/admin/events/${eventId}`);
	await owner
		.getByRole('link', { name: /Keynote: Daten für alle/ })
		.filter({ hasText: /moderat/i })
		.first()
		.click();
	await expect(owner).toHaveURL(/\/sessions\/[\w-]+$/);
	await expectAccessible(owner, 'moderator view');
	const stageUrl = await owner.locator('#stage-url').inputValue();
	expect(stageUrl).toMatch(/\/stage\/[\w-]+\/[\w-]+$/);

	// Stage screen on the projector laptop: no login.
	const stageCtx = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
	const stage = await stageCtx.newPage();
	await stage.goto(stageUrl);
	await expect(stage.getByTestId('count-room')).toHaveText('0');
	await expect(stage.getByTestId('join-code')).toBeVisible();
	await expectAccessible(stage, 'stage');

	// The phone follows the QR link, joins with a name and opens the live session.
	const phoneCtx = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const phone = await phoneCtx.newPage();
	await phone.goto(joinUrl!);
	await expectAccessible(phone, 'join');
	await expect(phone.locator('input[name=via][value=room]')).toBeChecked();
	await phone.locator('#display-name').fill('Anna');
	await phone.locator('form button.join').click();
	await expect(phone).toHaveURL(/\/e\/[A-Z2-9]{6}$/);
	await expectAccessible(phone, 'agenda');
	await phone.getByRole('link', { name: 'Keynote: Daten für alle' }).first().click();
	await expect(phone).toHaveURL(/\/e\/[A-Z2-9]{6}\/s\/[\w-]+$/);
	await expectAccessible(phone, 'session');

	await expect(stage.getByTestId('count-room')).toHaveText('1', { timeout: 10_000 });
	await expect(owner.getByTestId('mod-count-room')).toHaveText('1', { timeout: 10_000 });

	// Restart the server: the stage shows the loss within 5 s and recovers by itself.
	await server.stop();
	await expect(stage.getByTestId('connection-lost')).toBeVisible({ timeout: 5_000 });
	await server.restart();
	await expect(stage.getByTestId('connection-lost')).toBeHidden({ timeout: 20_000 });
	await expect(stage.getByTestId('count-room')).toHaveText('1', { timeout: 20_000 });

	await Promise.all([owner.context().close(), stageCtx.close(), phoneCtx.close()]);
});

test('login page, and a keyboard-only join by typed code', async ({ browser }) => {
	await server.ensureOwner(OWNER);
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	await page.goto(server.origin + '/login');
	await expectAccessible(page, 'login');

	// Typing the event code at / with the keyboard alone (A3).
	const admin = await (await newContext(browser)).newPage();
	await admin.goto(server.origin + '/login');
	await admin.locator('input[type=email]').fill(OWNER.email);
	await admin.locator('input[type=password]').fill(OWNER.password);
	await admin.locator('input[type=password]').press('Enter');
	await expect(admin).toHaveURL(/\/admin$/);
	if ((await admin.locator('.code').count()) === 0) await createEvent(admin, server.origin, 'Keyboard Event');
	await admin.goto(server.origin + '/admin');
	const code = (await admin.locator('.code').first().textContent())!.trim();

	await page.goto(server.origin + '/');
	await expectAccessible(page, 'home');
	await tabTo(page, '#join-code');
	await page.keyboard.type(code.toLowerCase());
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/r\/[A-Z2-9]{6}$/);
	await tabTo(page, '#display-name');
	await page.keyboard.type('Ben');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/e\/[A-Z2-9]{6}$/);
	await expect(page.getByText('Ben').first()).toBeVisible();
	await ctx.close();
	await admin.context().close();
});

test('what a slow phone types before the JavaScript arrives survives hydration', async ({ browser }) => {
	await server.ensureOwner(OWNER);
	const ctx = await newContext(browser, { viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	// Hold back the app's scripts, as a phone on venue Wi-Fi would wait for them.
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((r) => setTimeout(r, 1500));
		await route.continue();
	});
	await page.goto(server.origin + '/', { waitUntil: 'domcontentloaded' });
	await page.locator('#join-code').fill('abc-def');
	await page.waitForLoadState('networkidle');
	await expect(page.locator('#join-code')).toHaveValue('abc-def');
	await ctx.close();
});
