/**
 * S2 of quality.md for the JSON API: every route and method under src/routes/api/v1 × every
 * role, against the built server and a real database (SQLite; PostgreSQL with DATABASE_URL).
 * Each cell runs on a fresh event of its own and must give the answer the rules give
 * (docs/SPEC.md AC1–AC4, AT1–AT2, S3); a refused call must leave every row as it was. The test
 * fails when a route or method exists that the matrix does not list.
 *
 * Writes carry `{}`: the API checks rights before it reads a body, so an allowed role answers
 * 2xx or 400 invalid_payload, and a refused one 401, 403 or 404 whatever it sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, newWorld, startMatrixServer, type Cast, type World } from '../support/authz-world.ts';
import { apiRoutes } from './support.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';

const ROLES = ['owner', 'moderator', 'leadOther', 'stranger', 'revokedToken', 'noToken', 'loginCookie', 'participantCookie', 'stageToken'] as const;
type Role = (typeof ROLES)[number];
/**
 * `ok`: allowed — any answer that is about the request, not the caller (2xx, 400, 409).
 * `scoped`: allowed, but the answer holds only what the caller moderates: not the target
 * session's question.
 */
type Cell = 'ok' | 'scoped' | 'unauthenticated' | 'forbidden' | 'not_found';

let running: Running & { origin: string };
let d: Deps;
let cast: Cast;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
	({ running, d, cast, close } = await startMatrixServer());
});

afterAll(() => close());

/** Only a valid, unrevoked bearer token authenticates; cookies and stage links never do (AT1, S10). */
const row = (cells: Partial<Record<'owner' | 'moderator' | 'leadOther' | 'stranger', Cell>>): Record<Role, Cell> =>
	Object.fromEntries(ROLES.map((r) => [r, (cells as Record<string, Cell>)[r] ?? 'unauthenticated'])) as Record<Role, Cell>;
/** Any member reads the event (AC2); non-members learn nothing (S3). */
const view = row({ owner: 'ok', moderator: 'ok', leadOther: 'ok', stranger: 'not_found' });
/** Only the owner changes the event, its agenda, team and boards (AC2). */
const manage = row({ owner: 'ok', moderator: 'forbidden', leadOther: 'forbidden', stranger: 'not_found' });
/** Owner and moderators moderate every session; a lead only their own workshop (AC3). */
const moderate = row({ owner: 'ok', moderator: 'ok', leadOther: 'forbidden', stranger: 'not_found' });
/** Any staff token lists its own events; only an administrator creates one (AC1). */
const anyStaff = row({ owner: 'ok', moderator: 'ok', leadOther: 'ok', stranger: 'ok' });
const adminOnly = row({ owner: 'ok', moderator: 'forbidden', leadOther: 'forbidden', stranger: 'forbidden' });
const everyone = Object.fromEntries(ROLES.map((r) => [r, 'ok'])) as Record<Role, Cell>;

/** `METHOD /path` → what each role gets. The path names its parameters as the OpenAPI document does. */
const MATRIX: Record<string, Record<Role, Cell>> = {
	'GET /boards/{boardId}': view,
	'PATCH /boards/{boardId}': manage,
	'DELETE /boards/{boardId}': manage,
	'POST /boards/{boardId}/close': manage,
	'POST /boards/{boardId}/draw': manage,
	'POST /boards/{boardId}/moves': manage,
	'POST /boards/{boardId}/open': manage,
	// Who sits where: moderators help run the rooms, so they see it; a lead sees their own list through the session export.
	'GET /boards/{boardId}/participants': moderate,
	'POST /boards/{boardId}/workshops': manage,
	'PATCH /boards/{boardId}/workshops/{sessionId}': manage,
	'DELETE /boards/{boardId}/workshops/{sessionId}': manage,
	'GET /events': anyStaff,
	'POST /events': adminOnly,
	'GET /events/{eventId}': view,
	'PATCH /events/{eventId}': manage,
	'DELETE /events/{eventId}': manage,
	'GET /events/{eventId}/boards': view,
	'POST /events/{eventId}/boards': manage,
	'GET /events/{eventId}/join': view,
	'GET /events/{eventId}/join/qr.svg': view,
	// The event-wide export gives a lead the sessions they lead (Q10), never the others.
	'GET /events/{eventId}/questions/export.csv': { ...moderate, leadOther: 'scoped' },
	'GET /events/{eventId}/questions/export.json': { ...moderate, leadOther: 'scoped' },
	'GET /events/{eventId}/sessions': view,
	'POST /events/{eventId}/sessions': manage,
	'PUT /events/{eventId}/sessions/order': manage,
	'GET /openapi.json': everyone,
	'GET /polls/{pollId}': moderate,
	'PATCH /polls/{pollId}': moderate,
	'DELETE /polls/{pollId}': moderate,
	'POST /polls/{pollId}/close': moderate,
	'GET /polls/{pollId}/export.csv': moderate,
	'GET /polls/{pollId}/export.json': moderate,
	'POST /polls/{pollId}/open': moderate,
	'POST /polls/{pollId}/reset': moderate,
	'GET /polls/{pollId}/results': moderate,
	'GET /questions/{questionId}': moderate,
	'POST /questions/{questionId}/highlight': moderate,
	'POST /questions/{questionId}/moderate': moderate,
	'POST /questions/{questionId}/reply': moderate,
	'GET /sessions/{sessionId}': view,
	'PATCH /sessions/{sessionId}': manage,
	'DELETE /sessions/{sessionId}': manage,
	'GET /sessions/{sessionId}/participants/export.csv': moderate,
	'GET /sessions/{sessionId}/participants/export.json': moderate,
	'GET /sessions/{sessionId}/polls': moderate,
	'POST /sessions/{sessionId}/polls': moderate,
	'GET /sessions/{sessionId}/qa': moderate,
	'PATCH /sessions/{sessionId}/qa': moderate,
	'GET /sessions/{sessionId}/questions': moderate,
	'GET /sessions/{sessionId}/questions/export.csv': moderate,
	'GET /sessions/{sessionId}/questions/export.json': moderate,
	'POST /sessions/{sessionId}/questions/top': moderate,
	'GET /sessions/{sessionId}/report': moderate,
	'PUT /sessions/{sessionId}/report': moderate
};

/** The world's object each path parameter names. On a board and for seat lists, `sessionId` is the board's workshop. */
function fill(path: string, w: World): string {
	const sessionId = path.startsWith('/boards/') || path.includes('/participants/') ? w.workshop : w.session;
	const ids: Record<string, string> = { eventId: w.eventId, sessionId, pollId: w.poll, questionId: w.question, boardId: w.board };
	return path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? `unknown-${name}`);
}

function credentials(role: Role, w: World): Record<string, string> {
	switch (role) {
		case 'owner':
		case 'moderator':
		case 'leadOther':
		case 'stranger':
			return { authorization: `Bearer ${cast[role].token}` };
		case 'revokedToken':
			return { authorization: `Bearer ${cast.revokedToken}` };
		case 'noToken':
			return {};
		case 'loginCookie':
			return { cookie: cast.owner.cookie };
		case 'participantCookie':
			return { cookie: w.participantCookie };
		case 'stageToken':
			return { authorization: `Bearer ${w.stageToken}` };
	}
}

function classify(status: number): Cell | `unexpected ${number}` {
	if (status === 401) return 'unauthenticated';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not_found';
	if ((status >= 200 && status < 300) || status === 400 || status === 409) return 'ok';
	return `unexpected ${status}`;
}

describe('S2: API authorisation matrix', () => {
	it('lists every route and method under src/routes/api/v1, and nothing else', () => {
		const actual = apiRoutes().flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
		expect(Object.keys(MATRIX).sort()).toEqual(actual.sort());
	});

	for (const [key, expected] of Object.entries(MATRIX)) {
		it(key, async () => {
			const [method, path] = key.split(' ') as [string, string];
			for (const role of ROLES) {
				const w = await newWorld(cast, d);
				const before = expected[role] === 'ok' ? null : await fingerprint(d);
				const headers: Record<string, string> = credentials(role, w);
				if (method !== 'GET') headers['content-type'] = 'application/json';
				const res = await fetch(running.origin + '/api/v1' + fill(path, w), { method, headers, body: method === 'GET' ? undefined : '{}' });
				const text = await res.text();
				const want = expected[role] === 'scoped' ? 'ok' : expected[role];
				expect.soft(classify(res.status), `${role}: ${res.status} ${text.slice(0, 200)}`).toBe(want);
				if (expected[role] === 'scoped') expect.soft(text, `${role} sees a session it does not moderate`).not.toContain(w.question);
				// …and the same answer does name it for the owner, so the line above can fail.
				if (role === 'owner' && Object.values(expected).includes('scoped')) expect.soft(text).toContain(w.question);
				if (res.status === 401) expect.soft(res.headers.get('www-authenticate'), role).toMatch(/^Bearer realm="plenum"/);
				if (before !== null) expect.soft(await fingerprint(d), `${role} was refused but changed data`).toBe(before);
			}
		});
	}
});
