/**
 * The lost connection as people see it (A1, A2): the phone's session and board pages and the
 * stage screen, first with the browser offline, then with the server gone. Each view must say
 * that the connection is lost in a way a screen reader announces (the phones' polite status, the
 * stage's alert), pass axe-core in that state — also with what a phone keeps to send later (a
 * pending vote, a kept question, a kept sign-up) — and drop the notice once the link is back,
 * where what was kept arrives. Data is seeded through the domain into the server's own SQLite file.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { PlenumProcess } from '../support/plenum-process.ts';
import { expectAccessible } from './support/axe.ts';
import { berlin, newContext } from './support/flows.ts';
import { openWorkshopBoard, seedAsOwner, todayEvent } from './support/seed.ts';
import { createSession } from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { createPoll, openPoll } from '../../src/lib/server/polls/service.ts';
import { stageTokenFor } from '../../src/lib/server/stage/service.ts';

const OWNER = { name: 'Orga Team', email: 'offline@example.org', password: 'a long enough password' };
let server: PlenumProcess;
let scene: { eventId: string; eventCode: string; sessionId: string; boardId: string; stageToken: string };

test.beforeAll(async () => {
	server = await PlenumProcess.start();
	await server.ensureOwner(OWNER);
	scene = await seedAsOwner(server, OWNER.email, async (d, ownerId) => {
		const ev = await todayEvent(d, ownerId, 'Offline Day', 'en');
		const s = await createSession(
			ev.id,
			{ kind: 'plenary', title: 'Keynote', startsAt: berlin(-30), endsAt: berlin(60), room: 'Saal 1', livestreamUrl: null },
			ownerId,
			d
		);
		const poll = await createPoll(
			s.id,
			{ kind: 'single', question: 'Which topic first?', options: ['Mobility', 'Open data'], allowChange: true, resultsVisibility: 'live', showNames: false },
			ownerId,
			d
		);
		await openPoll(poll.id, ownerId, d);
		const boardId = await openWorkshopBoard(d, ownerId, ev.id, 'Afternoon workshops', ['Mobility lab', 'Energy lab'], 10);
		return { eventId: ev.id, eventCode: ev.joinCode, sessionId: s.id, boardId, stageToken: await stageTokenFor(s.id, d) };
	});
});
test.afterAll(async () => {
	await server?.stop();
});

interface Views {
	session: Page;
	board: Page;
	stage: Page;
	close(): Promise<void>;
}

/** A new phone (joined through the domain) on the session and board pages, and the stage screen. */
async function openViews(browser: Browser): Promise<Views> {
	const p = await seedAsOwner(server, OWNER.email, (d) => joinEvent({ eventId: scene.eventId, via: 'room' }, d));
	const phone = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
	await phone.addCookies([{ name: participantCookieName(scene.eventId), value: p.token, url: server.origin }]);
	const session = await phone.newPage();
	await session.goto(`${server.origin}/e/${scene.eventCode}/s/${scene.sessionId}`);
	const board = await phone.newPage();
	await board.goto(`${server.origin}/e/${scene.eventCode}/b/${scene.boardId}`);
	const stageCtx = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
	const stage = await stageCtx.newPage();
	await stage.goto(`${server.origin}/stage/${scene.sessionId}/${scene.stageToken}`);
	return { session, board, stage, close: async () => void (await Promise.all([phone.close(), stageCtx.close()])) };
}

const status = (page: Page): Locator => page.getByTestId('connection-status');

/** The live link is up everywhere, and no view says otherwise. */
async function expectConnected(v: Views): Promise<void> {
	for (const page of [v.session, v.board]) await expect(status(page)).toHaveText('Connected', { timeout: 20_000 });
	await expect(v.stage.getByTestId('connection-lost')).toBeHidden({ timeout: 20_000 });
}

/** Each view says the connection is lost, announced, and passes axe-core in that state. */
async function expectLost(v: Views, why: string): Promise<void> {
	for (const [label, page] of [
		['session page', v.session],
		['board page', v.board]
	] as const) {
		await expect(status(page)).toHaveText('Connection lost – reconnecting …', { timeout: 10_000 });
		await expect(status(page)).toHaveRole('status');
		await expect(status(page)).toBeVisible();
		await expectAccessible(page, `${label}, ${why}`);
	}
	const banner = v.stage.getByTestId('connection-lost');
	await expect(banner).toBeVisible({ timeout: 10_000 });
	await expect(banner).toHaveRole('alert');
	await expect(banner).toHaveText('Connection lost – reconnecting …');
	await expectAccessible(v.stage, `stage, ${why}`);
}

test('browser offline: the phones and the stage say the connection is lost, accessibly; what a phone sends meanwhile waits and arrives', async ({
	browser
}) => {
	const v = await openViews(browser);
	await expectConnected(v);

	await v.session.context().setOffline(true);
	await v.stage.context().setOffline(true);
	await expectLost(v, 'browser offline');

	// What the phone does meanwhile is kept on the device, and says so.
	await v.session.getByRole('radio', { name: 'Mobility' }).check();
	await v.session.getByTestId('vote-send').click();
	await expect(v.session.getByTestId('vote-status')).toHaveAttribute('data-status', 'pending');
	await v.session.getByLabel('Your question', { exact: true }).fill('Is the data open?');
	await v.session.getByRole('button', { name: 'Send question' }).click();
	await expect(v.session.getByTestId('qa-ask-kept')).toBeVisible();
	await expectAccessible(v.session, 'session page offline, with a pending vote and a kept question');
	await v.board.getByTestId('board-workshop').filter({ hasText: 'Mobility lab' }).getByTestId('board-claim').click();
	await expect(v.board.getByTestId('board-pending')).toHaveAttribute('data-kept', 'true');
	await expectAccessible(v.board, 'board page offline, with a kept sign-up');

	await v.session.context().setOffline(false);
	await v.stage.context().setOffline(false);
	await expectConnected(v);
	await expect(v.session.getByTestId('vote-status')).toHaveAttribute('data-status', 'received', { timeout: 20_000 });
	await expect(v.session.getByTestId('qa-ask-sent')).toBeVisible({ timeout: 20_000 });
	await expect(v.board.getByTestId('board-mine')).toHaveAttribute('data-status', 'confirmed', { timeout: 20_000 });
	await expect(v.board.getByTestId('board-pending')).toHaveCount(0);
	await v.close();
});

test('server gone: the phones and the stage say the connection is lost, accessibly, and recover by themselves', async ({ browser }) => {
	const v = await openViews(browser);
	await expectConnected(v);

	await server.stop();
	await expectLost(v, 'server gone');

	await server.launch();
	await expectConnected(v);
	await v.close();
});
