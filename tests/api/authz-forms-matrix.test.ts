/**
 * S2 of quality.md for the web: every form action (SvelteKit `actions`) and every download
 * outside the JSON API × every role, on the built server with a real database. Each cell runs on
 * a fresh event and sends a valid form, so what it meets is the rights check, not validation;
 * a refused call must leave every row as it was. The list of actions is read from the built
 * bundle and the downloads from src/routes, so a new action or download without a row fails.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, newWorld, startMatrixServer, PASSWORD, seatParticipant, type Cast, type World } from '../support/authz-world.ts';
import { createSession as createLogin } from '../../src/lib/server/auth/service.ts';
import { createApiToken } from '../../src/lib/server/api-tokens/service.ts';
import { createInvite } from '../../src/lib/server/invites/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';

const ROLES = ['owner', 'moderator', 'leadOther', 'stranger', 'expiredLogin', 'loggedOut', 'participant', 'nobody'] as const;
type Role = (typeof ROLES)[number];
type StaffRole = 'owner' | 'moderator' | 'leadOther' | 'stranger';
/**
 * `ok`: allowed — an answer about the request (2xx, 400, 409, or a redirect that is not to the
 * login); `login`: sent to the login page; `join`: a phone without a participant cookie is sent to
 * join first; `unauthenticated`: 401, for what a script fetches or a login must precede; `scoped`: allowed, but the answer leaves out the session the caller does not moderate.
 */
type Cell = 'ok' | 'scoped' | 'login' | 'join' | 'unauthenticated' | 'forbidden' | 'not_found';
type Form = Record<string, string | string[]>;

interface Row {
	expect: Record<Role, Cell>;
	/** The values of the route's parameters beyond `[id]` (the event) and `[code]` (its join code). */
	params?: (w: World) => Record<string, string> | Promise<Record<string, string>>;
	form?: (w: World) => Form | Promise<Form>;
	/** Brings the world into the state the row needs, before the call. */
	setup?: (w: World) => Promise<void>;
	/** Appended to the address. */
	query?: string;
	/** For `scoped` cells: what the answer must not hold (the owner's must). Default: the target session's question. */
	hidden?: (w: World) => string;
}

let running: Running & { origin: string };
let d: Deps;
let cast: Cast;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
	({ running, d, cast, close } = await startMatrixServer());
});

afterAll(() => close());

const cells = (given: Partial<Record<Role, Cell>>, rest: Cell): Record<Role, Cell> =>
	Object.fromEntries(ROLES.map((r) => [r, given[r] ?? rest])) as Record<Role, Cell>;
/** Staff pages: without a valid login (none, expired, logged out, a phone's cookie) the login page. */
const staff = (given: Partial<Record<StaffRole, Cell>>) => cells(given, 'login');
/** Only the owner changes the event, its agenda, team and boards (AC2); non-members learn nothing (S3). */
const manage = staff({ owner: 'ok', moderator: 'forbidden', leadOther: 'forbidden', stranger: 'not_found' });
/** Owner and moderators moderate every session; a lead only their own workshop (AC3). */
const moderate = staff({ owner: 'ok', moderator: 'ok', leadOther: 'forbidden', stranger: 'not_found' });
const everyone = cells({}, 'ok');
/** What the moderation page fetches by script: 401 without a login rather than a redirect. */
const moderateFetch = cells({ owner: 'ok', moderator: 'ok', leadOther: 'forbidden', stranger: 'not_found' }, 'unauthenticated');

const EVENT_FORM = { title: 'Neu', startsOn: '2026-05-04', endsOn: '2026-05-05', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2099-12-31' };
const SESSION_FORM = { kind: 'workshop', title: 'Neu', startsAt: '2026-05-04T13:00', endsAt: '2026-05-04T14:00', room: 'A', livestreamUrl: '' };
const POLL_FORM = { kind: 'single', question: 'Tee?', option: ['Ja', 'Nein'], resultsVisibility: 'live', allowChange: 'on' };
const onWorkshop = (w: World) => ({ sid: w.workshop });
const onSession = (w: World) => ({ sid: w.session });

/** `METHOD /route?/action` (or `GET /route` for a download) → the row. Routes are written as in src/routes. */
const MATRIX: Record<string, Row> = {
	// Joining by typed code (it sends everyone to the code's join page), the language switch and the login form are open to all.
	'POST /?/default': { expect: cells({}, 'join'), form: (w) => ({ code: w.joinCode }) },
	'POST /lang?/default': { expect: everyone, form: () => ({ locale: 'en', next: '/' }) },
	'POST /login?/default': { expect: everyone, form: () => ({ email: 'anna@example.org', password: 'wrong password!' }) },
	'POST /logout?/default': { expect: cells({}, 'login') },
	'POST /r/[code]?/default': { expect: everyone },
	'POST /o/[code]?/default': { expect: everyone },
	// The first account exists, so setup sends everyone to log in and creates nothing.
	'POST /setup?/default': { expect: cells({}, 'login'), form: () => ({ name: 'Eve', email: 'eve@example.org', password: PASSWORD, confirm: PASSWORD }) },
	// A phone changes its own name and channel; without its cookie it is sent to join.
	'POST /e/[code]?/profile': { expect: cells({ participant: 'ok' }, 'join'), form: () => ({ displayName: 'Kim', channel: 'online' }) },
	// An invite link is the right to join the team: any logged-in account may accept it, anyone may register with it.
	'POST /invite/[token]?/accept': {
		expect: cells({ owner: 'ok', moderator: 'ok', leadOther: 'ok', stranger: 'ok' }, 'unauthenticated'),
		params: invite
	},
	'POST /invite/[token]?/register': {
		expect: everyone,
		params: invite,
		form: () => ({ name: 'Neu', email: `neu-${randomUUID()}@example.org`, password: PASSWORD, confirm: PASSWORD })
	},
	// Each account manages its own API tokens only.
	'POST /admin/tokens?/create': { expect: staff({ owner: 'ok', moderator: 'ok', leadOther: 'ok', stranger: 'ok' }), form: () => ({ name: 'neu' }) },
	'POST /admin/tokens?/revoke': {
		expect: staff({ owner: 'ok', moderator: 'not_found', leadOther: 'not_found', stranger: 'not_found' }),
		form: async () => ({ id: (await createApiToken('zu widerrufen', cast.owner.id, d)).record.id })
	},
	'POST /admin/events/new?/default': {
		expect: staff({ owner: 'ok', moderator: 'forbidden', leadOther: 'forbidden', stranger: 'forbidden' }),
		form: () => EVENT_FORM
	},

	'POST /admin/events/[id]?/update': { expect: manage, form: () => EVENT_FORM },
	'POST /admin/events/[id]?/delete': { expect: manage, form: () => ({ confirm: 'yes' }) },
	'POST /admin/events/[id]?/addSession': { expect: manage, form: () => SESSION_FORM },
	'POST /admin/events/[id]?/deleteSession': { expect: manage, form: (w) => ({ sessionId: w.spareWorkshop }) },
	'POST /admin/events/[id]?/move': { expect: manage, form: (w) => ({ sessionId: w.session, direction: 'down' }) },
	'POST /admin/events/[id]?/rotateStage': { expect: moderate, form: (w) => ({ sessionId: w.session }) },
	'POST /admin/events/[id]?/invite': { expect: manage, form: () => ({ role: 'moderator' }) },
	'POST /admin/events/[id]?/revokeInvite': { expect: manage, form: (w) => ({ inviteId: w.invite }) },
	'POST /admin/events/[id]?/removeMember': { expect: manage, form: () => ({ userId: cast.spare.id, name: 'max' }) },
	// The Q&A word list is moderation: owners and moderators (Q6).
	'POST /admin/events/[id]?/qaWords': { expect: moderate, form: () => ({ words: 'Werbung' }) },
	'POST /admin/events/[id]/agenda/[sid]/edit?/default': { expect: manage, params: onSession, form: () => SESSION_FORM },

	'POST /admin/events/[id]/boards?/create': { expect: manage, form: () => ({ title: 'Vormittag', mode: 'fcfs' }) },
	'POST /admin/events/[id]/boards/[boardId]?/update': { expect: manage, params: onBoard, form: () => ({ title: 'Umbenannt', mode: 'fcfs' }) },
	'POST /admin/events/[id]/boards/[boardId]?/state': { expect: manage, params: onBoard, form: () => ({ state: 'open' }) },
	'POST /admin/events/[id]/boards/[boardId]?/draw': { expect: manage, params: onBoard, form: () => ({ confirm: 'yes' }) },
	'POST /admin/events/[id]/boards/[boardId]?/delete': { expect: manage, params: onBoard, form: () => ({ confirm: 'yes' }) },
	'POST /admin/events/[id]/boards/[boardId]?/addWorkshop': { expect: manage, params: onBoard, form: (w) => ({ sessionId: w.spareWorkshop, capacity: '5' }) },
	'POST /admin/events/[id]/boards/[boardId]?/updateWorkshop': { expect: manage, params: onBoard, form: (w) => ({ sessionId: w.workshop, capacity: '7' }) },
	'POST /admin/events/[id]/boards/[boardId]?/removeWorkshop': { expect: manage, params: onBoard, form: (w) => ({ sessionId: w.workshop }) },
	'POST /admin/events/[id]/boards/[boardId]?/move': {
		expect: manage,
		params: onBoard,
		setup: seated,
		form: (w) => ({ participantId: w.participantId, from: w.workshop, to: '' })
	},

	// A lead runs polls and the report-back of their own workshop; the stage link is not theirs to change.
	'POST /admin/events/[id]/sessions/[sid]?/rotate': { expect: moderate, params: onSession },
	'POST /admin/events/[id]/sessions/[sid]?/createPoll': { expect: moderate, params: onSession, form: () => POLL_FORM },
	'POST /admin/events/[id]/sessions/[sid]?/updatePoll': { expect: moderate, params: onSession, form: (w) => ({ ...POLL_FORM, pollId: w.poll }) },
	'POST /admin/events/[id]/sessions/[sid]?/duplicatePoll': { expect: moderate, params: onSession, form: (w) => ({ pollId: w.poll }) },
	'POST /admin/events/[id]/sessions/[sid]?/movePoll': { expect: moderate, params: onSession, form: (w) => ({ pollId: w.poll, direction: 'down' }) },
	'POST /admin/events/[id]/sessions/[sid]?/deletePoll': { expect: moderate, params: onSession, form: (w) => ({ pollId: w.poll }) },
	'POST /admin/events/[id]/sessions/[sid]?/saveReport': { expect: moderate, params: onWorkshop, form: () => ({ summary: 'Ergebnis' }) },

	// Downloads of personal data.
	'GET /admin/events/[id]/export/polls.csv': { expect: { ...moderate, leadOther: 'scoped' }, hidden: (w) => w.poll, query: '?summary=1' },
	'GET /admin/events/[id]/export/polls.json': { expect: { ...moderate, leadOther: 'scoped' }, hidden: (w) => w.poll },
	'GET /admin/events/[id]/export/questions.csv': { expect: { ...moderate, leadOther: 'scoped' } },
	'GET /admin/events/[id]/export/questions.json': { expect: { ...moderate, leadOther: 'scoped' } },
	// Everything the event holds (G3): the owner only.
	'GET /admin/events/[id]/export/archive.json': { expect: manage },
	'GET /admin/events/[id]/export/archive/[table].csv': { expect: manage, params: () => ({ table: 'questions' }) },
	'GET /admin/events/[id]/sessions/[sid]/answers/[pollId]': { expect: moderateFetch, params: (w) => ({ sid: w.session, pollId: w.openTextPoll }) },
	'GET /admin/events/[id]/sessions/[sid]/participants.csv': { expect: moderate, params: onWorkshop },
	'GET /admin/events/[id]/sessions/[sid]/participants.json': { expect: moderate, params: onWorkshop },
	// Only the seated phone gets its calendar entry; for everyone else the board might as well not exist.
	'GET /e/[code]/b/[boardId]/my.ics': { expect: cells({ participant: 'ok' }, 'not_found'), params: onBoard, setup: seated },
	'GET /qr/[code]/[channel].svg': { expect: everyone, params: () => ({ channel: 'room' }) }
};

function seated(w: World) {
	return seatParticipant(cast, w, d);
}

function onBoard(w: World) {
	return { boardId: w.board };
}

async function invite(w: World) {
	return { token: (await createInvite({ eventId: w.eventId, role: 'moderator', sessionIds: [] }, cast.owner.id, d)).token };
}

const ROUTES = join('src', 'routes');

/** Every form action of the built app, as `POST /route?/name`. */
async function builtActions(): Promise<string[]> {
	const root = resolve('build/server/entries/pages');
	const out: string[] = [];
	const walk = async (dir: string): Promise<void> => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) await walk(full);
			else if (entry.name === '_page.server.ts.js') {
				const mod = (await import(pathToFileURL(full).href)) as { actions?: Record<string, unknown> };
				// The bundle writes `[id]` as `_id_`.
				const route =
					'/' +
					relative(root, dir)
						.split(sep)
						.filter(Boolean)
						.map((s) => s.replace(/^_(\w+)_$/, '[$1]'))
						.join('/');
				for (const name of Object.keys(mod.actions ?? {})) out.push(`POST ${route}?/${name}`);
			}
		}
	};
	await walk(root);
	return out;
}

/** Every download outside the JSON API (`+server.ts` with a GET), as `GET /route`. */
function downloads(dir = ROUTES): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) return full === join(ROUTES, 'api') ? [] : downloads(full);
		return entry.name === '+server.ts' ? [`GET /${relative(ROUTES, dir).split(sep).join('/')}`] : [];
	});
}

/** Staff cookies are made fresh per cell: a logout in one cell must not log out the next. */
async function cookieOf(role: Role, w: World): Promise<string | null> {
	switch (role) {
		case 'owner':
		case 'moderator':
		case 'leadOther':
		case 'stranger':
			return `${STAFF_COOKIE}=${(await createLogin(cast[role].id, d)).token}`;
		case 'expiredLogin':
			return cast.expiredCookie;
		case 'loggedOut':
			return cast.loggedOutCookie;
		case 'participant':
			return w.participantCookie;
		case 'nobody':
			return null;
	}
}

function classify(status: number, location: string | null): Cell | `unexpected ${number}` {
	if (status === 303 || status === 302 || status === 307) {
		if (location?.startsWith('/login')) return 'login';
		if (location?.startsWith('/r/')) return 'join';
		return 'ok';
	}
	if (status === 401) return 'unauthenticated';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not_found';
	if ((status >= 200 && status < 300) || status === 400 || status === 409) return 'ok';
	return `unexpected ${status}`;
}

function body(form: Form): URLSearchParams {
	const out = new URLSearchParams();
	for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
	return out;
}

describe('S2: web forms and downloads authorisation matrix', () => {
	it('lists every form action of the built app and every download, and nothing else', async () => {
		const actual = [...(await builtActions()), ...downloads()];
		expect(Object.keys(MATRIX).sort()).toEqual(actual.sort());
	});

	for (const [key, row] of Object.entries(MATRIX)) {
		it(key, async () => {
			const [method, target] = key.split(' ') as [string, string];
			for (const role of ROLES) {
				const w = await newWorld(cast, d);
				await row.setup?.(w);
				const params: Record<string, string> = { id: w.eventId, code: w.joinCode, ...(await row.params?.(w)) };
				// `?/default` is reserved: a default action is posted to the page itself.
				const url = target.replace(/\[(\w+)\]/g, (_m, name: string) => params[name] ?? `unknown-${name}`).replace(/\?\/default$/, '') + (row.query ?? '');
				const form = body((await row.form?.(w)) ?? {});
				const cookie = await cookieOf(role, w);
				const before = row.expect[role] === 'ok' || row.expect[role] === 'scoped' ? null : await fingerprint(d);
				// A browser's form post: it asks for HTML (with `*/*` SvelteKit would answer as to `use:enhance`).
				const headers: Record<string, string> = { origin: running.origin, accept: 'text/html', ...(cookie ? { cookie } : {}) };
				if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
				const res = await fetch(running.origin + url, { method, headers, body: method === 'POST' ? form : undefined, redirect: 'manual' });
				const text = await res.text();
				const want = row.expect[role] === 'scoped' ? 'ok' : row.expect[role];
				expect
					.soft(classify(res.status, res.headers.get('location')), `${role}: ${res.status} ${res.headers.get('location') ?? ''} ${text.slice(0, 160)}`)
					.toBe(want);
				const hidden = row.hidden?.(w) ?? w.question;
				if (row.expect[role] === 'scoped') expect.soft(text, `${role} sees a session it does not moderate`).not.toContain(hidden);
				if (role === 'owner' && Object.values(row.expect).includes('scoped')) expect.soft(text, 'the owner sees it').toContain(hidden);
				if (before !== null) expect.soft(await fingerprint(d), `${role} was refused but changed data`).toBe(before);
			}
		});
	}
});
