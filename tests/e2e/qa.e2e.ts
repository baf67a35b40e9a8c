/**
 * Q&A end to end (issue 4): the moderator, the stage and phones from the room and online links.
 * Pre-moderation from question to "answered", hiding with a reason the asker sees (on a German
 * phone), the fair queue, and odd or hostile text shown literally everywhere. axe-core checks
 * every Q&A state on the way (A1).
 */
import { expect, test, type Page } from '@playwright/test';
import { PlenumProcess } from '../support/plenum-process.ts';
import { expectAccessible } from './support/axe.ts';
import { addSession, createEvent, logIn, newContext, tabTo } from './support/flows.ts';
import { parseCsv } from '../support/csv.ts';

const OWNER = { name: 'Moderation', email: 'qa@example.org', password: 'a long enough password' };
let server: PlenumProcess;
let eventId: string;
let mod: Page;

test.beforeAll(async ({ browser }) => {
	// The payload test sends more questions from one phone than a person would in a minute.
	server = await PlenumProcess.start({ QA_QUESTIONS_PER_MINUTE: '100' });
	await server.ensureOwner(OWNER);
	mod = await (await newContext(browser)).newPage();
	await logIn(mod, server.origin, OWNER.email, OWNER.password);
	eventId = await createEvent(mod, server.origin, 'Q&A Day');
});
test.afterAll(async () => {
	await server?.stop();
});

/** A new session and its moderator view; returns the links the view shows. */
async function session(title: string) {
	await mod.goto(`${server.origin}/admin/events/${eventId}`);
	await addSession(mod, { kind: 'plenary', title, from: -30, to: 60, room: 'Saal 1' });
	await mod
		.getByRole('link', { name: new RegExp(title) })
		.filter({ hasText: /moderat/i })
		.first()
		.click();
	await expect(mod).toHaveURL(/\/sessions\/[\w-]+$/);
	await expect(mod.getByTestId('qamod-panel')).toBeVisible();
	return {
		joinRoom: await mod.locator('#join-room').inputValue(),
		joinOnline: await mod.locator('#join-online').inputValue(),
		stageUrl: await mod.locator('#stage-url').inputValue()
	};
}

async function phone(browser: import('@playwright/test').Browser, url: string, name: string, locale = 'en-US') {
	const page = await (await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, locale })).newPage();
	await page.goto(url);
	await page.locator('#display-name').fill(name);
	await page.locator('form button.join').click();
	await expect(page).toHaveURL(/\/e\/[A-Z2-9]{6}\/s\/[\w-]+$/);
	return page;
}

async function ask(page: Page, text: string, label = 'Your question', send = 'Send question') {
	await page.getByLabel(label, { exact: true }).fill(text);
	await page.getByRole('button', { name: send }).click();
	await expect(page.getByTestId('qa-ask-sent')).toBeVisible();
}

const modQuestion = (text: string) => mod.getByTestId('qamod-question').filter({ hasText: text });
const phoneQuestion = (page: Page, text: string) => page.getByTestId('qa-question').filter({ hasText: text });

test('pre-moderation: ask → approve → visible → upvote → on stage → answered', async ({ browser }) => {
	const links = await session('Keynote');
	await mod.getByRole('button', { name: 'Pre-moderation' }).click();
	await expect(mod.getByRole('button', { name: 'Pre-moderation' })).toHaveAttribute('aria-pressed', 'true');

	const stage = await (await newContext(browser, { viewport: { width: 1920, height: 1080 } })).newPage();
	await stage.goto(links.stageUrl);
	const anna = await phone(browser, links.joinRoom, 'Anna');
	const cem = await phone(browser, links.joinOnline, 'Cem');
	await expect(anna.getByTestId('qa-empty')).toBeVisible();
	await expectAccessible(anna, 'phone with an empty Q&A');

	await ask(anna, 'How is the data protected?');
	const mine = anna.getByTestId('qa-my-question').filter({ hasText: 'How is the data protected?' });
	await expect(mine.getByTestId('qa-my-state')).toHaveText('Waiting for approval');
	await expectAccessible(anna, 'phone with a question waiting');
	await expect(cem.getByTestId('qa-question')).toHaveCount(0);

	await mod.getByTestId('qamod-filter-waiting').click();
	await expect(modQuestion('How is the data protected?')).toBeVisible();
	await expectAccessible(mod, 'moderator with a waiting question');
	await modQuestion('How is the data protected?')
		.getByRole('button', { name: /^Approve(?! and)/ })
		.click();
	await expect(mine.getByTestId('qa-my-state')).toHaveText('Visible to everyone');

	await expect(phoneQuestion(cem, 'How is the data protected?')).toBeVisible();
	await phoneQuestion(cem, 'How is the data protected?')
		.getByRole('button', { name: /Upvote/ })
		.click();
	await expect(phoneQuestion(cem, 'How is the data protected?').getByRole('button', { name: /Upvote/ })).toHaveAttribute('aria-pressed', 'true');
	await expect(phoneQuestion(anna, 'How is the data protected?').getByRole('button', { name: /Upvote/ })).toContainText('(1)');
	await expectAccessible(cem, 'phone with an upvoted question');

	await mod.getByTestId('qamod-filter-live').click();
	await expect(modQuestion('How is the data protected?').getByTestId('qamod-votes')).toContainText('1');
	await modQuestion('How is the data protected?')
		.getByRole('button', { name: /^Show on stage/ })
		.click();
	await expect(stage.getByTestId('stage-question-text')).toHaveText('How is the data protected?');
	await expect(stage.getByTestId('stage-question-votes')).toHaveText('1');
	await expect(stage.getByTestId('stage-question-channel')).toHaveAttribute('data-channel', 'room');
	await expectAccessible(stage, 'stage with a question');
	await expectAccessible(mod, 'moderator with a question on stage');

	await modQuestion('How is the data protected?')
		.getByRole('button', { name: /^Mark as answered/ })
		.click();
	await expect(mine.getByTestId('qa-my-state')).toHaveText('Answered');
	await expect(phoneQuestion(cem, 'How is the data protected?')).toHaveAttribute('data-status', 'answered');
	await expect(stage.getByTestId('stage-question-answered')).toBeVisible();
	await expectAccessible(anna, 'phone with an answered question');
	await mod.getByTestId('qamod-filter-answered').click();
	await expect(modQuestion('How is the data protected?')).toBeVisible();
	await expectAccessible(mod, 'moderator answered list');
});

test('hide with a reason: the asker (on a German phone) sees why, the others no longer see it', async ({ browser }) => {
	const links = await session('Panel');
	const berta = await phone(browser, links.joinRoom, 'Berta', 'de-DE');
	const dana = await phone(browser, links.joinOnline, 'Dana');
	await ask(berta, 'Wann gibt es Mittagessen?', 'Ihre Frage', 'Frage senden');
	await expect(phoneQuestion(dana, 'Wann gibt es Mittagessen?')).toBeVisible();

	await mod.getByTestId('qamod-filter-live').click();
	const item = modQuestion('Wann gibt es Mittagessen?');
	await item.getByRole('button', { name: /^Hide/ }).click();
	await item.getByLabel('Reason (shown to the asker)').selectOption('off_topic');
	await expectAccessible(mod, 'moderator hide form');
	await item.getByRole('button', { name: 'Hide now' }).click();

	const mine = berta.getByTestId('qa-my-question').filter({ hasText: 'Wann gibt es Mittagessen?' });
	await expect(mine.getByTestId('qa-my-state')).toHaveText('Von der Moderation ausgeblendet – Grund: passt nicht zum Thema');
	await expect(phoneQuestion(dana, 'Wann gibt es Mittagessen?')).toHaveCount(0);
	await expectAccessible(berta, 'German phone with a hidden question');
	await mod.getByTestId('qamod-filter-hidden').click();
	await expect(modQuestion('Wann gibt es Mittagessen?')).toBeVisible();
	await expectAccessible(mod, 'moderator hidden list');

	// The asker may delete a hidden question (Q5), with a confirmation step.
	await mine.getByRole('button', { name: 'Löschen' }).click();
	await berta.getByRole('button', { name: 'Ja, löschen' }).click();
	await expect(berta.getByTestId('qa-my-question')).toHaveCount(0);
});

test('fair queue: room and online questions are taken in turn', async ({ browser }) => {
	const links = await session('Workshop talk');
	const room1 = await phone(browser, links.joinRoom, 'R1');
	const room2 = await phone(browser, links.joinRoom, 'R2');
	const online = await phone(browser, links.joinOnline, 'O1');
	await ask(room1, 'Room question A');
	await ask(room1, 'Room question B');
	await ask(online, 'Online question C');
	// Votes: A 2, B 1, C 0 → by votes A, B, C; fair A, C, B.
	for (const [p, text] of [
		[room2, 'Room question A'],
		[online, 'Room question A'],
		[room2, 'Room question B']
	] as const) {
		await phoneQuestion(p, text)
			.getByRole('button', { name: /Upvote/ })
			.click();
		await expect(phoneQuestion(p, text).getByRole('button', { name: /Upvote/ })).toHaveAttribute('aria-pressed', 'true');
	}
	await mod.getByTestId('qamod-filter-live').click();
	await expect(modQuestion('Room question A').getByTestId('qamod-votes')).toContainText('2');
	await expect(modQuestion('Room question B').getByTestId('qamod-votes')).toContainText('1');
	await mod.getByLabel('By votes').check();
	await expect(mod.getByTestId('qamod-question')).toHaveText([/Room question A/, /Room question B/, /Online question C/]);
	await mod.getByLabel('Fair: room and online in turn').check();
	await expect(mod.getByTestId('qamod-question')).toHaveText([/Room question A/, /Online question C/, /Room question B/]);
	await expectAccessible(mod, 'moderator fair queue');
});

const PAYLOADS = [
	'<script>alert("q1")</script>',
	'<img src=x onerror=alert("q2")>',
	'<svg onload=alert("q3")><circle r=5></circle></svg>',
	'javascript:alert("q4")',
	'abc\u202Edcba right-to-left',
	'zero\u200Bwidth\u200Bspaces',
	'=HYPERLINK("http://evil.example","click")'
];
const LONG_WORD = 'W'.repeat(500);

test('XSS and odd text appear literally on phone, moderator and stage views and in the CSV', async ({ browser }) => {
	const links = await session('Payloads');
	const dialogs: string[] = [];
	const stage = await (await newContext(browser, { viewport: { width: 1280, height: 720 } })).newPage();
	await stage.goto(links.stageUrl);
	const asker = await phone(browser, links.joinRoom, '<img src=x onerror=alert("name")>');
	const narrow = await (await newContext(browser, { viewport: { width: 320, height: 640 }, isMobile: true })).newPage();
	await narrow.goto(links.joinOnline);
	await narrow.locator('form button.join').click();
	await expect(narrow).toHaveURL(/\/s\/[\w-]+$/);
	for (const p of [mod, stage, asker, narrow]) p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));

	// One question with the display name shown, the rest anonymous.
	await asker.getByLabel('Show my name').check();
	await ask(asker, PAYLOADS[0]!);
	await asker.getByLabel('Show my name').uncheck();
	for (const p of PAYLOADS.slice(1)) await ask(asker, p);
	await ask(asker, LONG_WORD);
	// A 10,000-character word does not fit: the field takes 500 (the server refuses more, Q8).
	const field = asker.getByLabel('Your question', { exact: true });
	await field.fill('x'.repeat(10_000));
	expect((await field.inputValue()).length).toBe(500);
	await field.fill('');

	await mod.getByTestId('qamod-filter-live').click();
	const q0 = modQuestion(PAYLOADS[0]!);
	await q0.getByRole('button', { name: /^Reply/ }).click();
	await mod.getByRole('textbox', { name: 'Moderator’s reply' }).fill('<b onmouseover=alert("reply")>reply</b>');
	await mod.getByRole('button', { name: 'Save reply' }).click();
	await expect(q0.getByTestId('qamod-reply')).toContainText('<b onmouseover=alert("reply")>reply</b>');
	await q0.getByRole('button', { name: /^Show on stage/ }).click();

	for (const p of PAYLOADS) {
		await expect(mod.getByText(p, { exact: true }).first()).toBeVisible();
		await expect(narrow.getByText(p, { exact: true }).first()).toBeVisible();
	}
	await expect(stage.getByTestId('stage-question-text')).toHaveText(PAYLOADS[0]!);
	await expect(stage.getByTestId('stage-question-name')).toContainText('<img src=x onerror=alert("name")>');
	await expect(stage.getByTestId('stage-question-reply')).toContainText('<b onmouseover=alert("reply")>reply</b>');
	await expect(narrow.getByText('<b onmouseover=alert("reply")>reply</b>')).toBeVisible();
	await expect(narrow.getByText(LONG_WORD)).toBeVisible();

	for (const p of [mod, stage, asker, narrow]) {
		expect(await p.locator('img[src="x"], svg[onload], b[onmouseover], script:text("q1")').count()).toBe(0);
	}
	// The 500-character word wraps: nothing scrolls sideways on a 320 px phone.
	expect(await narrow.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
	expect(dialogs).toEqual([]);
	await expectAccessible(narrow, '320 px phone with odd questions');
	await expectAccessible(stage, 'stage with an odd question');

	const res = await mod.request.get(`${server.origin}/admin/events/${eventId}/export/questions.csv`);
	const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
	const header = rows[0]!;
	const texts = rows.slice(1).map((r) => r[header.indexOf('question')]);
	for (const p of PAYLOADS.slice(0, -1)) expect(texts).toContain(p);
	expect(texts).toContain(`'${PAYLOADS.at(-1)}`);
	expect(texts).not.toContain('x'.repeat(10_000));
	const named = rows.find((r) => r[header.indexOf('question')] === PAYLOADS[0]);
	expect(named?.[header.indexOf('name')]).toBe('<img src=x onerror=alert("name")>');
	expect(named?.[header.indexOf('reply')]).toBe('<b onmouseover=alert("reply")>reply</b>');
});

test('keyboard only: ask, upvote and approve without a mouse; closed Q&A, edit, delete, top five and overlay pass axe', async ({ browser }) => {
	const links = await session('Keyboard');
	await mod.getByRole('button', { name: 'Pre-moderation' }).press('Enter');
	const ella = await phone(browser, links.joinRoom, 'Ella');
	const finn = await phone(browser, links.joinOnline, 'Finn');

	// Phone: Tab to the question field, type, Tab to "Send question", Enter.
	await ella.locator('body').focus();
	await tabTo(ella, '#qa-ask-text');
	await ella.keyboard.type('Typed with the keyboard?');
	await tabTo(ella, 'form:has(#qa-ask-text) button[type=submit]');
	await ella.keyboard.press('Enter');
	await expect(ella.getByTestId('qa-my-question').getByTestId('qa-my-state')).toHaveText('Waiting for approval');

	// Moderator: the waiting list and the approve button by keyboard.
	await mod.getByTestId('qamod-filter-waiting').focus();
	await mod.keyboard.press('Enter');
	const id = await modQuestion('Typed with the keyboard?').getAttribute('data-question-id');
	await tabTo(mod, `#qamod-q-${id}-approve`);
	await mod.keyboard.press('Enter');
	await expect(ella.getByTestId('qa-my-question').getByTestId('qa-my-state')).toHaveText('Visible to everyone');

	// The other phone upvotes with the space bar.
	await expect(phoneQuestion(finn, 'Typed with the keyboard?')).toBeVisible();
	await finn.locator('body').focus();
	await tabTo(finn, '[data-testid=qa-question] button.upvote');
	await finn.keyboard.press('Space');
	await expect(phoneQuestion(finn, 'Typed with the keyboard?').getByRole('button', { name: /Upvote/ })).toHaveAttribute('aria-pressed', 'true');

	// Edit form and delete confirmation on the asker's phone.
	const mine = ella.getByTestId('qa-my-question');
	await mine.getByRole('button', { name: 'Edit' }).click();
	await expect(ella.getByRole('textbox', { name: 'Edit question' })).toBeVisible();
	await expectAccessible(ella, 'phone editing a question');
	await ella.getByRole('button', { name: 'Cancel' }).click();
	await mine.getByRole('button', { name: 'Delete' }).click();
	await expect(ella.getByRole('button', { name: 'Keep it' })).toBeFocused();
	await expectAccessible(ella, 'phone confirming a deletion');
	await ella.keyboard.press('Escape');
	await expect(mine).toHaveCount(1);

	// Stage and overlay with the top five only.
	const stage = await (await newContext(browser, { viewport: { width: 1920, height: 1080 } })).newPage();
	await stage.goto(links.stageUrl);
	const overlay = await (await newContext(browser, { viewport: { width: 1920, height: 1080 } })).newPage();
	await overlay.goto(links.stageUrl + '/overlay');
	await mod.getByTestId('qamod-filter-live').click();
	await mod.getByRole('button', { name: 'Show the five most upvoted questions only' }).click();
	await expect(stage.getByTestId('stage-question-top').getByTestId('stage-top-text')).toHaveText(['Typed with the keyboard?']);
	await expect(stage.getByTestId('stage-question-top').getByTestId('stage-top-votes')).toContainText('1');
	await expect(overlay.getByTestId('overlay-question-top')).toContainText('Typed with the keyboard?');
	await expectAccessible(stage, 'stage with the top five');
	await expectAccessible(overlay, 'overlay with the top five');

	// Q&A switched off: phones can read but not ask or upvote.
	await mod.getByTestId('qamod-enabled').click();
	await expect(mod.getByTestId('qamod-enabled')).toHaveAttribute('aria-pressed', 'false');
	await expect(finn.getByTestId('qa-closed')).toBeVisible();
	await expect(finn.getByRole('button', { name: /Upvote/ })).toHaveCount(0);
	await expect(phoneQuestion(finn, 'Typed with the keyboard?')).toBeVisible();
	await expectAccessible(finn, 'phone with Q&A closed');
	await expectAccessible(mod, 'moderator with Q&A closed');
});
