/** Steps the end-to-end tests share: building an event through the organiser UI, keyboard moves. */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';

/** Local wall-clock 'YYYY-MM-DDTHH:MM' in Europe/Berlin, offset by minutes: the event's own time. */
export function berlin(offsetMin = 0): string {
	const d = new Date(Date.now() + offsetMin * 60_000);
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Europe/Berlin',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(d)
			.map((p) => [p.type, p.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * Presses Tab (Shift+Tab with `back`) until the element has focus, as a keyboard user would;
 * fails after `max` presses (30 unless told: long staff pages need more).
 */
export async function tabTo(page: Page, selector: string, { max = 30, back = false }: { max?: number; back?: boolean } = {}): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
		if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error(`could not reach ${selector} with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses`);
}

/**
 * Counts the pointer presses (mouse, touch, pen) the pages of a context receive: a keyboard-only
 * test asserts it stays at zero, so no step slipped in a click. A button pressed with Enter or
 * Space fires `click` but no `pointerdown`.
 */
export async function pointerPresses(ctx: BrowserContext): Promise<() => number> {
	let n = 0;
	await ctx.exposeFunction('__plenumPointerPress', () => void n++);
	await ctx.addInitScript(() =>
		addEventListener('pointerdown', (e) => e.isTrusted && (window as unknown as { __plenumPointerPress(): void }).__plenumPointerPress(), true)
	);
	return () => n;
}

export async function newContext(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
	return browser.newContext({ locale: 'en-US', ...opts });
}

export async function createEvent(page: Page, origin: string, title: string): Promise<string> {
	await page.goto(origin + '/admin/events/new');
	await expectAccessible(page, 'new event');
	const today = berlin().slice(0, 10);
	await page.locator('#event-title').fill(title);
	await page.locator('#event-startsOn').fill(today);
	await page.locator('#event-endsOn').fill(today);
	await page.locator('form:has(#event-title) button[type=submit]').click();
	await page.waitForURL((u) => /^\/admin\/events\/[\w-]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
	return new URL(page.url()).pathname.split('/').pop()!;
}

export async function addSession(page: Page, s: { kind: string; title: string; from: number; to: number; room: string }) {
	await page.locator('#new-session-kind').selectOption(s.kind);
	await page.locator('#new-session-title').fill(s.title);
	await page.locator('#new-session-startsAt').fill(berlin(s.from));
	await page.locator('#new-session-endsAt').fill(berlin(s.to));
	await page.locator('#new-session-room').fill(s.room);
	await page.locator('form:has(#new-session-title) button[type=submit]').click();
	await expect(page.getByRole('link', { name: s.title }).first()).toBeVisible();
}

/** Logs a staff member in through the login page. */
export async function logIn(page: Page, origin: string, email: string, password: string): Promise<void> {
	await page.goto(origin + '/login');
	await page.locator('#login-email').fill(email);
	await page.locator('#login-password').fill(password);
	await page.locator('#login-password').press('Enter');
	await expect(page).toHaveURL(/\/admin$/);
}
