/**
 * Live polls end to end (issue 3): the moderator, the stage and three phones (two from the room
 * link, one from the online link). The moderator prepares and opens a poll, the phones vote, the
 * stage shows the counts and then the split, a phone changes its vote, the moderator closes and
 * the stage shows the final tally. A phone votes while offline — also across a reload while the
 * vote is pending — and it counts exactly once. axe-core checks the poll states on the way.
 */
import { expect, test, type Page } from '@playwright/test';
import { PlenumProcess } from '../support/plenum-process.ts';
import { expectAccessible } from './support/axe.ts';
import { addSession, createEvent, logIn, newContext } from './support/flows.ts';

const OWNER = { name: 'Moderation', email: 'mod@example.org', password: 'a long enough password' };
let server: PlenumProcess;
test.beforeAll(async () => {
	server = await PlenumProcess.start();
	await server.ensureOwner(OWNER);
});
test.afterAll(async () => {
	await server?.stop();
});

async function joinAs(page: Page, url: string, name: string) {
	await page.goto(url);
	await page.locator('#display-name').fill(name);
	await page.locator('form button.join').click();
	// The moderator view's links carry the session's code: the phone lands on the session page.
	await expect(page).toHaveURL(/\/e\/[A-Z2-9]{6}\/s\/[\w-]+$/);
}

async function vote(page: Page, option: string) {
	await page.getByRole('radio', { name: option }).check();
	await page.getByTestId('vote-send').click();
}

test('moderator, stage and three phones run a poll from open to final tally, with an offline vote', async ({ browser }) => {
	const mod = await (await newContext(browser)).newPage();
	await logIn(mod, server.origin, OWNER.email, OWNER.password);
	const eventId = await createEvent(mod, server.origin, 'Polls Day');
	await addSession(mod, { kind: 'plenary', title: 'Keynote', from: -30, to: 60, room: 'Saal 1' });
	await mod
		.getByRole('link', { name: /Keynote/ })
		.filter({ hasText: /moderat/i })
		.first()
		.click();
	await expect(mod).toHaveURL(/\/sessions\/[\w-]+$/);
	const modUrl = mod.url();
	const joinRoom = await mod.locator('#join-room').inputValue();
	const joinOnline = await mod.locator('#join-online').inputValue();
	const stageUrl = await mod.locator('#stage-url').inputValue();

	// Prepare a single-choice poll.
	await mod.locator('details.create > summary').click();
	await mod.locator('#new-poll-kind').selectOption('single');
	await mod.locator('#new-poll-question').fill('Which topic first?');
	await mod.locator('#new-poll-option-0').fill('Mobility');
	await mod.locator('#new-poll-option-1').fill('Open data');
	await mod.locator('form:has(#new-poll-question) button[type=submit]').click();
	await expect(mod.getByTestId('pollmod-item')).toHaveCount(1);
	await expectAccessible(mod, 'moderator with a draft poll');

	// Stage and phones.
	const stage = await (await newContext(browser, { viewport: { width: 1920, height: 1080 } })).newPage();
	await stage.goto(stageUrl);
	const phoneA = await (await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
	const phoneB = await (await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
	const phoneC = await (await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
	await joinAs(phoneA, joinRoom, 'Anna');
	await joinAs(phoneB, joinRoom, 'Ben');
	await joinAs(phoneC, joinOnline, 'Cem');

	// Open, show on stage.
	await mod.getByRole('button', { name: 'Open poll' }).click();
	await expect(mod.getByTestId('pollmod-live-state')).toHaveText(/open/i);
	await mod.getByRole('button', { name: 'Show on stage' }).click();
	await expect(stage.getByTestId('stage-poll-question')).toHaveText('Which topic first?');
	await expectAccessible(stage, 'stage with a poll');

	// The poll appears on the phones by itself; they vote.
	for (const p of [phoneA, phoneB, phoneC]) await expect(p.getByTestId('poll-question')).toHaveText('Which topic first?');
	await expectAccessible(phoneA, 'phone with an open poll');
	await vote(phoneA, 'Mobility');
	await vote(phoneB, 'Open data');
	await vote(phoneC, 'Mobility');
	for (const p of [phoneA, phoneB, phoneC]) await expect(p.getByTestId('vote-status')).toHaveAttribute('data-status', 'received');
	await expectAccessible(phoneA, 'phone after voting');
	await expect(stage.getByTestId('stage-voters')).toHaveText(/3/);
	await expect(stage.getByTestId('stage-result-o1')).toHaveText(/2/);
	await expect(stage.getByTestId('stage-result-o2')).toHaveText(/1/);

	// Split: two in the room, one online.
	await mod.getByRole('button', { name: 'Split in the room / online' }).click();
	await expect(stage.getByTestId('stage-split-room')).toBeVisible();
	await expect(stage.getByTestId('stage-split-room').getByTestId('stage-result-o1')).toHaveText(/1/);
	await expect(stage.getByTestId('stage-split-online').getByTestId('stage-result-o1')).toHaveText(/1/);
	await expectAccessible(stage, 'stage split');

	// A phone changes its vote.
	await phoneB.getByRole('button', { name: 'Change my vote' }).click();
	await vote(phoneB, 'Mobility');
	await expect(phoneB.getByTestId('vote-status')).toHaveAttribute('data-status', 'received');
	await expect(stage.getByTestId('stage-split-room').getByTestId('stage-result-o1')).toHaveText(/2/);

	// Offline: phone C changes its vote while offline, reloads while pending, comes back.
	await phoneC.getByRole('button', { name: 'Change my vote' }).click();
	await phoneC.context().setOffline(true);
	await vote(phoneC, 'Open data');
	await expect(phoneC.getByTestId('vote-status')).toHaveAttribute('data-status', 'pending');
	await expectAccessible(phoneC, 'phone with a pending vote');
	await phoneC.context().setOffline(false);
	// The page is back but the realtime server is not: long-polling and (the client tries every
	// transport) the WebSocket fail until it returns.
	let serverBack = false;
	await phoneC.context().route('**/socket.io/**', (r) => r.abort());
	await phoneC.context().routeWebSocket(/\/socket\.io\//, (ws) => (serverBack ? ws.connectToServer() : ws.close()));
	await phoneC.reload();
	await expect(phoneC.getByTestId('vote-status')).toHaveAttribute('data-status', 'pending');
	serverBack = true;
	await phoneC.context().unroute('**/socket.io/**');
	await expect(phoneC.getByTestId('vote-status')).toHaveAttribute('data-status', 'received', { timeout: 20_000 });
	await expect(stage.getByTestId('stage-split-online').getByTestId('stage-result-o2')).toHaveText(/1/);
	await expect(stage.getByTestId('stage-voters')).toHaveText(/3/);

	// Close: the final tally on the stage and the phones.
	await mod.getByRole('button', { name: 'Close poll' }).click();
	await expect(mod.getByTestId('pollmod-live-state')).toHaveText(/closed/i);
	await expect(stage.getByTestId('stage-poll-closed')).toBeVisible();
	await expect(stage.getByTestId('stage-split-room').getByTestId('stage-result-o1')).toHaveText(/2/);
	await expect(stage.getByTestId('stage-split-online').getByTestId('stage-result-o2')).toHaveText(/1/);
	await expect(phoneA.getByTestId('poll-closed')).toBeVisible();
	await expectAccessible(phoneA, 'phone with a closed poll');
	await expectAccessible(mod, 'moderator with a closed poll');

	// The export holds exactly three answers, without participant identities.
	const csv = await (await mod.request.get(`${server.origin}/admin/events/${eventId}/export/polls.csv`)).text();
	expect(csv.trim().split('\n')).toHaveLength(4);
	expect(csv).not.toMatch(/Anna|Ben|Cem/);
	expect(modUrl).toContain(eventId);
});
