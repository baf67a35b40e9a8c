/**
 * Workshop boards end to end (issue 5). First come, first served: a 2-seat workshop and three
 * phones — two take the seats, the third waits at place 1, one cancels, the third is promoted and
 * its phone shows it without a reload; the stage shows the seats left at every step; the
 * workshop's lead view lists and exports the participants. Lottery: phones rank, the organiser
 * draws, phones and stage show the result. axe-core on every board state (A1).
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { PlenumProcess } from '../support/plenum-process.ts';
import { expectAccessible } from './support/axe.ts';
import { addSession, berlin, createEvent, logIn, newContext } from './support/flows.ts';
import { parseCsv } from '../support/csv.ts';

const OWNER = { name: 'Orga', email: 'boards@example.org', password: 'a long enough password' };
let server: PlenumProcess;
let eventId: string;
let mod: Page;
let joinRoom: string;
let stageUrl: string;
let plenaryUrl: string;

test.beforeAll(async ({ browser }) => {
	server = await PlenumProcess.start();
	await server.ensureOwner(OWNER);
	mod = await (await newContext(browser)).newPage();
	await logIn(mod, server.origin, OWNER.email, OWNER.password);
	eventId = await createEvent(mod, server.origin, 'Board Day');
	await addSession(mod, { kind: 'plenary', title: 'Closing plenary', from: -30, to: 120, room: 'Saal 1' });
	for (const t of ['Mobility lab', 'Open data lab', 'Energy lab', 'Water lab'])
		await addSession(mod, { kind: 'workshop', title: t, from: 180, to: 270, room: `Room ${t.split(' ')[0]}` });
	await mod
		.getByRole('link', { name: /Closing plenary/ })
		.filter({ hasText: /moderat/i })
		.first()
		.click();
	await expect(mod).toHaveURL(/\/sessions\/[\w-]+$/);
	plenaryUrl = mod.url();
	joinRoom = await mod.locator('#join-room').inputValue();
	stageUrl = await mod.locator('#stage-url').inputValue();
});
test.afterAll(async () => {
	await server?.stop();
});

/** Selects the option whose text starts with `text` (options also name time and room). */
async function pick(select: Locator, text: string): Promise<void> {
	const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
	await select.selectOption(value!);
}

/** Creates a board with workshops through the organiser pages and returns its id. */
async function createBoard(title: string, mode: 'fcfs' | 'lottery', workshops: [string, number][]): Promise<string> {
	await mod.goto(`${server.origin}/admin/events/${eventId}/boards`);
	await mod.locator('#boardorg-new-title').fill(title);
	await mod.locator(`#boardorg-new-mode-${mode}`).check();
	if (mode === 'lottery') await mod.locator('#boardorg-new-deadline').fill(berlin(30));
	await mod.getByRole('button', { name: 'Create workshop board' }).click();
	await expect(mod).toHaveURL(/\/boards\/[\w-]+$/);
	const id = new URL(mod.url()).pathname.split('/').pop()!;
	for (const [name, capacity] of workshops) {
		await pick(mod.locator('#boardorg-add-session'), name);
		await mod.locator('#boardorg-add-capacity').fill(String(capacity));
		await mod.getByRole('button', { name: 'Add workshop' }).click();
		await expect(mod.locator('article[id^=boardorg-ws-]').filter({ hasText: name })).toBeVisible();
	}
	await expectAccessible(mod, 'organiser board page');
	await mod.getByRole('button', { name: 'Open sign-up' }).click();
	await expect(mod.getByRole('button', { name: 'Close sign-up' })).toBeVisible();
	return id;
}

async function phone(browser: Browser, name: string, boardId: string): Promise<Page> {
	const page = await (await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
	await page.goto(joinRoom);
	await page.locator('#display-name').fill(name);
	await page.locator('form button.join').click();
	await expect(page).toHaveURL(/\/e\/[A-Z2-9]{6}\/s\/[\w-]+$/);
	const code = new URL(page.url()).pathname.split('/')[2];
	await page.goto(`${server.origin}/e/${code}/b/${boardId}`);
	await expect(page.getByTestId('board-workshop').first()).toBeVisible();
	return page;
}

const workshop = (page: Page, title: string) => page.getByTestId('board-workshop').filter({ hasText: title });

async function showOnStage(boardTitle: string, button: 'Seats left' | 'Lottery result') {
	await mod.goto(plenaryUrl);
	await mod.getByTestId('boardmod-stage-panel').getByRole('group', { name: boardTitle }).getByRole('button', { name: button }).click();
	await expect(mod.getByTestId('boardmod-stage-now')).toContainText(boardTitle);
}

test('first come, first served: two seats, a waitlist, a cancellation promotes live; stage and lead list follow', async ({ browser }) => {
	const boardId = await createBoard('Slot A', 'fcfs', [
		['Mobility lab', 2],
		['Open data lab', 5]
	]);
	const stage = await (await newContext(browser, { viewport: { width: 1920, height: 1080 } })).newPage();
	await stage.goto(stageUrl);
	await showOnStage('Slot A', 'Seats left');
	const stageRow = stage.getByTestId('stage-board-workshop').filter({ hasText: 'Mobility lab' });
	await expect(stageRow).toHaveAttribute('data-seats-left', '2');
	await expectAccessible(stage, 'stage with a board');

	const [ana, ben, cem] = [await phone(browser, 'Ana', boardId), await phone(browser, 'Ben', boardId), await phone(browser, 'Cem', boardId)];
	await expectAccessible(ana, 'phone with an open board');

	await workshop(ana, 'Mobility lab').getByTestId('board-claim').click();
	await expect(ana.getByTestId('board-mine')).toHaveAttribute('data-status', 'confirmed');
	await expect(stageRow).toHaveAttribute('data-seats-left', '1');
	await workshop(ben, 'Mobility lab').getByTestId('board-claim').click();
	await expect(ben.getByTestId('board-mine')).toHaveAttribute('data-status', 'confirmed');
	await expect(stageRow).toHaveAttribute('data-seats-left', '0');
	await expect(workshop(cem, 'Mobility lab').getByTestId('board-claim')).toHaveAttribute('data-action', 'waitlist');
	await expectAccessible(cem, 'phone with a full workshop');

	await workshop(cem, 'Mobility lab').getByTestId('board-claim').click();
	await expect(cem.getByTestId('board-mine')).toHaveAttribute('data-status', 'waitlisted');
	await expect(cem.getByTestId('board-waitlist-position')).toHaveAttribute('data-position', '1');
	await expectAccessible(cem, 'phone on the waitlist');
	await expect(stageRow.getByTestId('stage-board-seats')).toContainText('1');

	// Ana gives up her seat; Cem is promoted on his phone without a reload.
	await ana.getByTestId('board-cancel').click();
	await ana.getByTestId('board-cancel-yes').click();
	await expect(ana.getByTestId('board-mine')).toHaveAttribute('data-status', 'none');
	await expect(cem.getByTestId('board-mine')).toHaveAttribute('data-status', 'confirmed');
	await expect(cem.getByTestId('board-promoted')).toBeVisible();
	await expectAccessible(cem, 'phone after promotion');
	await expect(stageRow).toHaveAttribute('data-seats-left', '0');

	// The workshop's lead view lists Ben and Cem and exports them.
	await mod.goto(`${server.origin}/admin/events/${eventId}`);
	await mod
		.getByRole('link', { name: /Mobility lab/ })
		.filter({ hasText: /moderat/i })
		.first()
		.click();
	const lead = mod.getByTestId('boardmod-lead-panel');
	await expect(lead.getByTestId('boardmod-confirmed')).toContainText('Ben');
	await expect(lead.getByTestId('boardmod-confirmed')).toContainText('Cem');
	await expect(lead.getByTestId('boardmod-confirmed')).not.toContainText('Ana');
	await expectAccessible(mod, 'lead view with participants');
	const href = await lead.getByTestId('boardmod-lead-csv').getAttribute('href');
	const rows = parseCsv(await (await mod.request.get(server.origin + href)).text());
	const names = rows.slice(1).map((r) => r[rows[0]!.indexOf('name')]);
	expect(names.sort()).toEqual(['Ben', 'Cem']);

	// Ana signs up while offline; the board closes before her phone is back: the kept sign-up is
	// refused when it is sent again, and her phone says why.
	await ana.context().setOffline(true);
	await workshop(ana, 'Open data lab').getByTestId('board-claim').click();
	await expect(ana.getByTestId('board-pending')).toBeVisible();

	// Closed: phones read only.
	await mod.goto(`${server.origin}/admin/events/${eventId}/boards/${boardId}`);
	await mod.getByRole('button', { name: 'Close sign-up' }).click();
	await ana.context().setOffline(false);
	await expect(ana.getByTestId('board-refused')).toBeVisible({ timeout: 20_000 });
	await expect(ana.getByTestId('board-mine')).toHaveAttribute('data-status', 'none');
	await expectAccessible(ana, 'phone with a refused kept sign-up');
	await expect(ben.getByTestId('board-closed')).toBeVisible();
	await expect(ben.getByTestId('board-claim')).toHaveCount(0);
	await expectAccessible(ben, 'phone with a closed board');
	await expect(stage.getByTestId('stage-board')).toHaveAttribute('data-phase', 'closed');
});

test('lottery: phones rank, the organiser draws, phones and stage show the result', async ({ browser }) => {
	const boardId = await createBoard('Slot B', 'lottery', [
		['Energy lab', 1],
		['Water lab', 1]
	]);
	const [dora, emil, fynn] = [await phone(browser, 'Dora', boardId), await phone(browser, 'Emil', boardId), await phone(browser, 'Fynn', boardId)];
	await expect(dora.getByTestId('board-seed-hash')).toBeVisible();
	await expectAccessible(dora, 'phone with a lottery open');
	for (const p of [dora, emil, fynn]) {
		await pick(p.getByTestId('board-rank-1'), 'Energy lab');
		await pick(p.getByTestId('board-rank-2'), 'Water lab');
		await p.getByTestId('board-rank-save').click();
		await expect(p.getByTestId('board-choices')).toHaveAttribute('data-count', '2');
	}
	await expectAccessible(dora, 'phone with saved choices');

	// The organiser ends the ranking now and draws.
	await mod.goto(`${server.origin}/admin/events/${eventId}/boards/${boardId}`);
	await mod.locator('#boardorg-edit-deadline').fill(berlin(-1));
	await mod.getByRole('button', { name: 'Save settings' }).click();
	await expect(mod.getByText('The settings have been saved.')).toBeVisible();
	await mod.getByLabel('Yes, draw now. This happens only once.').check();
	await mod.getByRole('button', { name: 'Draw now' }).click();
	await expect(mod.getByTestId('boardorg-summary')).toBeVisible();
	await expectAccessible(mod, 'organiser after the draw');

	const ranks = [];
	for (const p of [dora, emil, fynn]) {
		await expect(p.getByTestId('board-my-result')).toBeVisible();
		ranks.push(await p.getByTestId('board-my-result').getAttribute('data-rank'));
	}
	expect(ranks.sort()).toEqual(['0', '1', '2']);
	await expect(dora.getByTestId('board-seed-value')).toBeVisible();
	await expectAccessible(dora, 'phone after the draw');

	const stage = await (await newContext(browser, { viewport: { width: 1920, height: 1080 } })).newPage();
	await stage.goto(stageUrl);
	await showOnStage('Slot B', 'Lottery result');
	await expect(stage.getByTestId('stage-draw-first')).toHaveText('1');
	await expect(stage.getByTestId('stage-draw-second')).toHaveText('1');
	await expect(stage.getByTestId('stage-draw-none')).toHaveText('1');
	await expectAccessible(stage, 'stage with the lottery result');
});
