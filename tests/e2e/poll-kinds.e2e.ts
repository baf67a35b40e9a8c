/**
 * Every poll kind on the phone, the stage and the moderator view passes axe-core (A1) and
 * renders its question and its vote controls. Polls are prepared through the domain on the
 * server's own database (SQLite WAL lets a second process write), then opened one by one.
 */
import { expect, test } from '@playwright/test';
import { PlenumProcess } from '../support/plenum-process.ts';
import { expectAccessible } from './support/axe.ts';
import { newContext } from './support/flows.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { createOwner, createSession as createLogin } from '../../src/lib/server/auth/service.ts';
import { createEvent, createSession } from '../../src/lib/server/events/service.ts';
import { createPoll, openPoll } from '../../src/lib/server/polls/service.ts';
import { setStage, stageTokenFor } from '../../src/lib/server/stage/service.ts';
import type { PollInput } from '../../src/lib/shared/polls.ts';

const base = { allowChange: true, resultsVisibility: 'live' as const, showNames: true, options: [] as string[] };
const POLLS: PollInput[] = [
	{ ...base, kind: 'single', question: 'Single: which topic?', options: ['Mobilität', 'Daten'] },
	{ ...base, kind: 'multiple', question: 'Multiple: which topics?', options: ['A', 'B', 'C'], maxChoices: 2 },
	{ ...base, kind: 'scale', question: 'Scale: how useful?', scaleMin: 1, scaleMax: 5, labelMin: 'not at all', labelMax: 'very' },
	{ ...base, kind: 'wordcloud', question: 'Words: one word for your city?', maxEntries: 3 },
	{ ...base, kind: 'open', question: 'Open: what should change?', moderated: true },
	{ ...base, kind: 'ranking', question: 'Ranking: order these', options: ['X', 'Y', 'Z'] }
];

let server: PlenumProcess;
test.beforeAll(async () => {
	server = await PlenumProcess.start();
});
test.afterAll(async () => {
	await server?.stop();
});

test('every poll kind: phone, stage and moderator views pass axe and show their controls', async ({ browser }) => {
	const app = await createApp(readConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: server.origin }));
	const owner = await createOwner({ email: 'kinds@example.org', name: 'K', password: 'a long enough password' }, app.deps);
	const login = await createLogin(owner.id, app.deps);
	const ev = await createEvent(
		{ title: 'Kinds', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'en', retentionOn: '2026-06-01' },
		{ userId: owner.id, isAdmin: true },
		app.deps
	);
	const ses = await createSession(
		ev.id,
		{ kind: 'plenary', title: 'Keynote', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null },
		owner.id,
		app.deps
	);
	const stageUrl = `${server.origin}/stage/${ses.id}/${await stageTokenFor(ses.id, app.deps)}`;

	const mod = await (await newContext(browser)).newPage();
	await mod.context().addCookies([{ name: 'plenum_session', value: login.token, url: server.origin }]);
	const stage = await (await newContext(browser, { viewport: { width: 1920, height: 1080 } })).newPage();
	const phone = await (await newContext(browser, { viewport: { width: 320, height: 640 }, isMobile: true })).newPage();
	await phone.goto(`${server.origin}/r/${ses.joinCode}`);
	await phone.locator('form button.join').click();
	await expect(phone).toHaveURL(/\/s\/[\w-]+$/);
	const phoneUrl = phone.url();

	for (const input of POLLS) {
		const poll = await createPoll(ses.id, input, owner.id, app.deps);
		await openPoll(poll.id, owner.id, app.deps);
		await setStage(ses.id, { mode: 'poll', pollId: poll.id, split: input.kind === 'single' }, undefined, app.deps);

		await phone.goto(phoneUrl);
		await expect(phone.getByTestId('poll-question')).toHaveText(input.question);
		await expect(phone.getByTestId('vote-send')).toBeVisible();
		await expectAccessible(phone, `phone, ${input.kind}`);

		await stage.goto(stageUrl);
		await expect(stage.getByTestId('stage-poll-question')).toHaveText(input.question);
		await expectAccessible(stage, `stage, ${input.kind}`);

		await mod.goto(`${server.origin}/admin/events/${ev.id}/sessions/${ses.id}`);
		await expect(mod.getByTestId('pollmod-live-question')).toHaveText(input.question);
		await expectAccessible(mod, `moderator, ${input.kind}`);
	}
	await app.close();
});
