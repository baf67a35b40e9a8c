/**
 * Keyboard only (A3): the organiser, an invited moderator and phones do their work with Tab,
 * Shift+Tab, Enter, Space, Escape and the arrow keys, and nothing else: no click, no fill, no
 * check. A counter of pointer presses in every context stays at zero, so no step slips in a
 * mouse. Where an action removes the focused control, focus must land somewhere sensible, not on
 * the page's body (which would send a keyboard user back to the top).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { PlenumProcess } from '../support/plenum-process.ts';
import { expectAccessible } from './support/axe.ts';
import { berlin, newContext, pointerPresses, tabTo } from './support/flows.ts';
import { openWorkshopBoard, seedAsOwner, todayEvent } from './support/seed.ts';

const OWNER = { name: 'Orga Team', email: 'keys@example.org', password: 'a long enough password' };
const MODERATOR = { name: 'Mo Derator', email: 'mo@example.org', password: 'another long password' };
let server: PlenumProcess;

test.beforeAll(async () => {
	server = await PlenumProcess.start();
	await server.ensureOwner(OWNER);
});
test.afterAll(async () => {
	await server?.stop();
});

/** A context whose pointer presses are counted; `mouse()` must stay 0. */
async function keyboardContext(browser: Browser, opts: Parameters<typeof newContext>[1] = {}): Promise<{ ctx: BrowserContext; mouse: () => number }> {
	const ctx = await newContext(browser, opts);
	return { ctx, mouse: await pointerPresses(ctx) };
}

/** Types a date (YYYY-MM-DD) into the focused date input, segment by segment as en-US shows it. */
async function typeDate(page: Page, isoDay: string): Promise<void> {
	const [y, mo, d] = isoDay.split('-');
	await page.keyboard.type(`${mo}${d}${y}`);
}

/** Types a local time (YYYY-MM-DDTHH:MM) into the focused datetime-local input (en-US: 12 hours, AM/PM). */
async function typeDateTime(page: Page, local: string): Promise<void> {
	const [day, time] = local.split('T') as [string, string];
	const [h, min] = time.split(':').map(Number) as [number, number];
	await typeDate(page, day);
	// The year takes up to six digits: the right arrow moves on to the hour.
	await page.keyboard.press('ArrowRight');
	await page.keyboard.type(`${String(h % 12 || 12).padStart(2, '0')}${String(min).padStart(2, '0')}${h >= 12 ? 'P' : 'A'}`);
}

/** The element that has focus, described for a failure message; 'body' when focus was lost. */
async function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return 'body';
		return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${(el.textContent ?? '').trim().slice(0, 40)}`;
	});
}

test('organiser and moderator by keyboard: create an event, add a session, create and open a poll; a phone votes; an invited moderator closes the poll', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const { ctx: orgCtx, mouse: orgMouse } = await keyboardContext(browser);
	const org = await orgCtx.newPage();

	// Log in.
	await org.goto(server.origin + '/login');
	await tabTo(org, '#login-email');
	await org.keyboard.type(OWNER.email);
	await tabTo(org, '#login-password');
	await org.keyboard.type(OWNER.password);
	await org.keyboard.press('Enter');
	await expect(org).toHaveURL(/\/admin$/);

	// A new event.
	await tabTo(org, 'a[href="/admin/events/new"]');
	await org.keyboard.press('Enter');
	await expect(org).toHaveURL(/\/admin\/events\/new$/);
	const today = berlin().slice(0, 10);
	await tabTo(org, '#event-title');
	await org.keyboard.type('Keyboard Day');
	await tabTo(org, '#event-startsOn');
	await typeDate(org, today);
	await tabTo(org, '#event-endsOn');
	await typeDate(org, today);
	await expect(org.locator('#event-startsOn')).toHaveValue(today);
	await expect(org.locator('#event-endsOn')).toHaveValue(today);
	await tabTo(org, 'form:has(#event-title) button[type=submit]');
	await org.keyboard.press('Enter');
	await expect(org).toHaveURL(/\/admin\/events\/[\w-]+$/);
	await expect(org.getByRole('heading', { level: 1 })).toHaveText('Keyboard Day');
	const eventUrl = org.url();

	// A session, through the page's own section links: "Agenda" moves focus to the agenda.
	await tabTo(org, 'nav.sections a[href="#agenda-heading"]');
	await org.keyboard.press('Enter');
	await tabTo(org, '#new-session-title');
	await org.keyboard.type('Keynote');
	await tabTo(org, '#new-session-startsAt');
	await typeDateTime(org, berlin(-30));
	await tabTo(org, '#new-session-endsAt');
	await typeDateTime(org, berlin(60));
	await tabTo(org, '#new-session-room');
	await org.keyboard.type('Saal 1');
	await tabTo(org, 'form:has(#new-session-title) button[type=submit]');
	await org.keyboard.press('Enter');
	const modLink = org.locator('a.button[href*="/sessions/"]').filter({ hasText: 'Keynote' });
	await expect(modLink).toBeVisible();

	// To the session's moderator view, and a new single-choice poll.
	await tabTo(org, 'a.button[href*="/sessions/"]', { max: 60 });
	await org.keyboard.press('Enter');
	await expect(org).toHaveURL(/\/sessions\/[\w-]+$/);
	const sessionUrl = org.url();
	const joinRoom = await org.locator('#join-room').inputValue();
	await tabTo(org, 'details.create > summary', { max: 120 });
	await org.keyboard.press('Enter');
	await expect(org.locator('details.create')).toHaveAttribute('open', '');
	await tabTo(org, '#new-poll-question');
	await org.keyboard.type('Which topic first?');
	await tabTo(org, '#new-poll-option-0');
	await org.keyboard.type('Mobility');
	await tabTo(org, '#new-poll-option-1');
	await org.keyboard.type('Open data');
	await tabTo(org, 'form:has(#new-poll-question) button[type=submit]');
	await org.keyboard.press('Enter');
	await expect(org.getByTestId('pollmod-item')).toHaveCount(1);
	// The new poll's heading takes the focus: the keyboard user is where the result is.
	await expect(org.getByTestId('pollmod-item').locator('h3')).toBeFocused();

	// Open it: back up the page to the live panel's button.
	await tabTo(org, 'button:text-is("Open poll")', { back: true, max: 120 });
	await org.keyboard.press('Enter');
	await expect(org.getByTestId('pollmod-live-state')).toHaveText(/open/i);
	await expect(org.locator('[data-testid=pollmod-live] button:text-is("Close poll")')).toBeFocused();

	// Onto the stage and back: the focus stays in the controls while the stage changes.
	await tabTo(org, '[data-testid=pollmod-live] button:text-is("Show on stage")');
	await org.keyboard.press('Enter');
	await expect(org.getByTestId('mod-stage-mode')).toContainText('Which topic first?');
	await expect(org.locator('[data-testid=pollmod-live] button:text-is("Show on stage")')).toBeFocused();
	await tabTo(org, '[data-testid=pollmod-live] button:text-is("Show join screen")');
	await org.keyboard.press('Enter');
	await expect(org.getByTestId('mod-stage-mode')).not.toContainText('Which topic first?');
	await expect(org.locator('[data-testid=pollmod-live] button:text-is("Show on stage")')).toBeFocused();
	const stageIdle = 'section[aria-labelledby=stage-heading] button:text-is("Show join screen")';
	await tabTo(org, stageIdle, { back: true, max: 60 });
	await org.keyboard.press('Enter');
	await expect(org.locator('section[aria-labelledby=stage-heading] [aria-live]')).not.toBeEmpty();
	await expect(org.locator(stageIdle)).toBeFocused();

	// A phone joins by the room link and votes with the arrow keys and Enter.
	const { ctx: phoneCtx, mouse: phoneMouse } = await keyboardContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
	const phone = await phoneCtx.newPage();
	await phone.goto(joinRoom);
	await tabTo(phone, '#display-name');
	await phone.keyboard.type('Kim');
	await phone.keyboard.press('Enter');
	await expect(phone).toHaveURL(/\/e\/[A-Z2-9]{6}\/s\/[\w-]+$/);
	await expect(phone.getByTestId('poll-question')).toHaveText('Which topic first?');
	await tabTo(phone, 'input[type=radio] >> nth=0');
	// Arrow keys move within the group and select: Open data, then back up to Mobility.
	await phone.keyboard.press('ArrowDown');
	await expect(phone.getByRole('radio', { name: 'Open data' })).toBeChecked();
	await phone.keyboard.press('ArrowUp');
	await expect(phone.getByRole('radio', { name: 'Mobility' })).toBeChecked();
	await tabTo(phone, '[data-testid=vote-send]');
	await phone.keyboard.press('Enter');
	await expect(phone.getByTestId('vote-status')).toHaveAttribute('data-status', 'received');
	expect(await focused(phone), 'focus after sending the vote').not.toBe('body');
	await expectAccessible(phone, 'phone after a keyboard vote');

	// The organiser invites a moderator (the default role) and reads the link off the page.
	await org.goto(eventUrl);
	await tabTo(org, 'nav.sections a[href="#team-heading"]');
	await org.keyboard.press('Enter');
	await tabTo(org, 'form[action="?/invite"] button[type=submit]');
	await org.keyboard.press('Enter');
	const inviteField = org.locator('#invite-url');
	await expect(inviteField).toBeVisible();
	const inviteUrl = await inviteField.inputValue();

	// The moderator accepts by keyboard, creating an account.
	const { ctx: modCtx, mouse: modMouse } = await keyboardContext(browser);
	const mod = await modCtx.newPage();
	await mod.goto(inviteUrl);
	await tabTo(mod, '#account-name');
	await mod.keyboard.type(MODERATOR.name);
	await tabTo(mod, '#account-email');
	await mod.keyboard.type(MODERATOR.email);
	await tabTo(mod, '#account-password');
	await mod.keyboard.type(MODERATOR.password);
	await tabTo(mod, '#account-password-confirm');
	await mod.keyboard.type(MODERATOR.password);
	await mod.keyboard.press('Enter');
	await expect(mod).toHaveURL(/\/admin(\/events\/[\w-]+)?$/);
	await mod.goto(sessionUrl);
	await expect(mod.getByTestId('pollmod-live-state')).toHaveText(/open/i);

	// …and closes the poll.
	await tabTo(mod, 'button:text-is("Close poll")', { max: 120 });
	await mod.keyboard.press('Enter');
	await expect(mod.getByTestId('pollmod-live-state')).toHaveText(/closed/i);
	// The close button is gone with the open poll: the controls' heading has the focus.
	await expect(mod.locator('#pollmod-controls-heading')).toBeFocused();
	await expect(phone.getByTestId('poll-closed')).toBeVisible();

	expect({ organiser: orgMouse(), phone: phoneMouse(), moderator: modMouse() }, 'pointer presses in a keyboard-only flow').toEqual({
		organiser: 0,
		phone: 0,
		moderator: 0
	});
	await Promise.all([orgCtx.close(), phoneCtx.close(), modCtx.close()]);
});

test('a phone signs up for a workshop and cancels it by keyboard; focus follows what changed', async ({ browser }) => {
	const board = await seedAsOwner(server, OWNER.email, async (d, ownerId) => {
		const ev = await todayEvent(d, ownerId, 'Workshop Day', 'en');
		const id = await openWorkshopBoard(d, ownerId, ev.id, 'Afternoon workshops', ['Mobility lab', 'Energy lab'], 5);
		return { id, code: ev.joinCode, joinRoom: `${server.origin}/r/${ev.joinCode}` };
	});

	const { ctx, mouse } = await keyboardContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
	const phone = await ctx.newPage();
	// Join by typing the code at the start page, then follow the agenda's link to the board.
	await phone.goto(server.origin + '/');
	await tabTo(phone, '#join-code');
	await phone.keyboard.type(board.code);
	await phone.keyboard.press('Enter');
	await tabTo(phone, '#display-name');
	await phone.keyboard.type('Lea');
	await phone.keyboard.press('Enter');
	await expect(phone).toHaveURL(/\/e\/[A-Z2-9]{6}$/);
	await tabTo(phone, `a[href$="/b/${board.id}"]`);
	await phone.keyboard.press('Enter');
	await expect(phone).toHaveURL(new RegExp(`/b/${board.id}$`));
	await expect(phone.getByTestId('connection-status')).toHaveText('Connected');

	// Sign up: the button goes away, focus goes to the own state, which says it.
	await tabTo(phone, '[data-testid=board-workshop]:has-text("Energy lab") [data-testid=board-claim]');
	await phone.keyboard.press('Enter');
	const mine = phone.getByTestId('board-mine');
	await expect(mine).toHaveAttribute('data-status', 'confirmed');
	await expect(mine).toContainText('Energy lab');
	await expect(mine).toBeFocused();

	// Cancel asks first, with the harmless answer focused; Escape keeps the seat.
	await tabTo(phone, '[data-testid=board-cancel]');
	await phone.keyboard.press('Enter');
	await expect(phone.getByTestId('board-cancel-no')).toBeFocused();
	await expectAccessible(phone, 'board asking before a cancellation');
	await phone.keyboard.press('Escape');
	await expect(phone.getByTestId('board-cancel-confirm')).toHaveCount(0);
	await expect(phone.getByTestId('board-cancel')).toBeFocused();
	await expect(mine).toHaveAttribute('data-status', 'confirmed');

	// Asked again, Shift+Tab reaches "yes, cancel" and Space confirms: the seat is given up.
	await phone.keyboard.press('Space');
	await expect(phone.getByTestId('board-cancel-no')).toBeFocused();
	await tabTo(phone, '[data-testid=board-cancel-yes]', { back: true, max: 3 });
	await phone.keyboard.press('Space');
	await expect(mine).toHaveAttribute('data-status', 'none');
	await expect(mine).toBeFocused();
	await expect(phone.getByTestId('board-workshop').filter({ hasText: 'Energy lab' }).getByTestId('board-claim')).toBeVisible();

	expect(mouse(), 'pointer presses in a keyboard-only flow').toBe(0);
	await ctx.close();
});
