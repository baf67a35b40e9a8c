import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, csvRecords, parseCsv, type CallResult } from './support.ts';
import { startApiCast, type ApiCast } from './cast.ts';
import type { User } from '../../src/lib/server/auth/service.ts';
import { createSession as createAgendaSession, type EventRecord, type SessionRecord } from '../../src/lib/server/events/service.ts';
import { joinEvent, type Participant } from '../../src/lib/server/participants/service.ts';
import { castVote } from '../../src/lib/server/polls/service.ts';
import type { Answer, Tally } from '../../src/lib/shared/polls.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';

/**
 * Polls in the JSON API and the poll exports, against the built server and a real database
 * (PostgreSQL when DATABASE_URL is set). Votes are cast through the domain (`castVote`), as a
 * phone's socket would. Rule ids: P1–P10 (polls), AC3 (who moderates), AT1 (token rights),
 * S3 (cross-event isolation).
 */

type ErrorBody = { error: { code: string; message: string } };
type Poll = {
	id: string;
	sessionId: string;
	eventId: string;
	position: number;
	kind: string;
	question: string;
	options: { id: string; label: string }[];
	config: Record<string, unknown>;
	state: 'draft' | 'open' | 'closed';
	allowChange: boolean;
	resultsVisibility: string;
	resultsOverride: string | null;
	resultsVisible: boolean;
	showNames: boolean;
	openedAt: string | null;
	closedAt: string | null;
};
type Results = { state: string; all: Tally; room: Tally; online: Tally };
type ExportedAnswer = { channel: string; answer: Record<string, unknown>; status: string | null; name: string | null; createdAt: string };
type PollsExport = {
	format: string;
	version: number;
	exportedAt: string;
	event: { id: string; title: string; timeZone: string };
	polls: (Omit<Poll, 'sessionId' | 'eventId' | 'config' | 'resultsVisible'> & {
		session: { id: string; title: string };
		settings: Record<string, unknown>;
		results: { all: Tally; room: Tally; online: Tally };
		answers: ExportedAnswer[];
	})[];
};

const EVENT = {
	title: 'Bürgerforum Mobilität 2026',
	startsOn: '2026-05-04',
	endsOn: '2026-05-05',
	timeZone: 'Europe/Berlin',
	defaultLocale: 'de' as const,
	retentionOn: '2026-08-01'
};
const SESSION = { kind: 'plenary' as const, title: 'Eröffnung', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: 'Saal 1', livestreamUrl: null };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FORMULA_START = /^[=+\-@\t\r]/;

let running: Running & { origin: string };
let deps: Deps;
let owner: User;
let ownerToken: string;
let ownerCookie: string;
/** Moderator of `elsewhere` only: a stranger to `event` (S3). */
let otherModeratorToken: string;
let strangerToken: string;
let strangerCookie: string;
/** Workshop lead of `leadSession` only (AC3). */
let leadToken: string;
let leadCookie: string;
let event: EventRecord;
let leadSession: SessionRecord;
let elsewhereSession: SessionRecord;

let api: ReturnType<typeof apiCaller>;

async function expectError(p: Promise<CallResult<unknown>>, status: number, code: string): Promise<string> {
	const res = await p;
	expect(res.status, res.text).toBe(status);
	const body = res.json as ErrorBody;
	expect(body.error.code).toBe(code);
	return body.error.message;
}

/** A staff page request with the login cookie, not following redirects. */
function staffGet(path: string, cookie: string | null): Promise<Response> {
	return fetch(`${running.origin}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
}

let sessionN = 0;
async function newSession(title = `Programmpunkt ${++sessionN}`, eventId = event.id, ownerId = owner.id, d = deps): Promise<SessionRecord> {
	return createAgendaSession(eventId, { ...SESSION, title }, ownerId, d);
}

async function createPoll(sessionId: string, body: Record<string, unknown>, token = ownerToken): Promise<Poll> {
	const res = await api<Poll>('POST', `/sessions/${sessionId}/polls`, { body, token });
	expect(res.status, res.text).toBe(201);
	return res.json;
}

async function openPoll(id: string): Promise<Poll> {
	const res = await api<Poll>('POST', `/polls/${id}/open`);
	expect(res.status, res.text).toBe(200);
	return res.json;
}

async function participant(via: 'room' | 'online', displayName: string | null = null): Promise<Participant> {
	return (await joinEvent({ eventId: event.id, via, displayName }, deps)).participant;
}

let keyN = 0;
const newKey = () => `api-test-key-${++keyN}`;
const vote = (pollId: string, p: Participant, answer: Answer, key = newKey()) =>
	castVote({ pollId, participantId: p.id, eventId: p.eventId, channel: p.channel, answer, key }, deps);
/** Answers are listed by time; a few milliseconds apart, their order is certain. */
async function voteInOrder(pollId: string, p: Participant, answer: Answer) {
	await vote(pollId, p, answer);
	await new Promise((r) => setTimeout(r, 3));
}
const single = (optionId: string): Answer => ({ kind: 'single', optionId });

let cast: ApiCast | null = null;

beforeAll(async () => {
	cast = await startApiCast(EVENT, { lead: 'Workshop A: Radwege', elsewhere: 'Fremder Programmpunkt' }, (eventId, title, ownerId, d) =>
		newSession(title, eventId, ownerId, d)
	);
	({
		running,
		deps,
		api,
		owner,
		ownerToken,
		ownerCookie,
		event,
		leadSession,
		elsewhereSession,
		otherModeratorToken,
		leadToken,
		leadCookie,
		strangerToken,
		strangerCookie
	} = cast);
});

afterAll(async () => {
	await cast?.close();
});

describe('poll endpoints', () => {
	it('P1 P2 P3 P4 P9: a poll is created, changed, opened, voted on, closed and reset through the API', async () => {
		const s = await newSession();
		const created = await api<Poll>('POST', `/sessions/${s.id}/polls`, {
			body: { kind: 'single', question: '  Wie sind Sie angereist?  ', options: ['Bahn', 'Auto', 'Rad'] }
		});
		expect(created.status).toBe(201);
		expect(created.headers.get('cache-control')).toBe('no-store');
		const poll = created.json;
		expect(created.headers.get('location')).toBe(`/api/v1/polls/${poll.id}`);
		expect(poll).toEqual({
			id: poll.id,
			sessionId: s.id,
			eventId: event.id,
			position: 1,
			kind: 'single',
			question: 'Wie sind Sie angereist?',
			options: [
				{ id: 'o1', label: 'Bahn' },
				{ id: 'o2', label: 'Auto' },
				{ id: 'o3', label: 'Rad' }
			],
			config: {},
			state: 'draft',
			allowChange: true,
			resultsVisibility: 'live',
			resultsOverride: null,
			resultsVisible: true,
			showNames: false,
			openedAt: null,
			closedAt: null
		});
		const scale = await createPoll(s.id, { kind: 'scale', question: 'Wie zufrieden?', scaleMin: 0, scaleMax: 10, labelMin: 'gar nicht', labelMax: 'sehr' });
		expect(scale).toMatchObject({ position: 2, config: { scaleMin: 0, scaleMax: 10, labelMin: 'gar nicht', labelMax: 'sehr' }, options: [] });
		const list = await api<{ polls: Poll[] }>('GET', `/sessions/${s.id}/polls`);
		expect(list.json.polls).toEqual([poll, scale]);

		// PATCH merges into the draft; option ids go by place, so the new fourth option is o4.
		const patched = await api<Poll>('PATCH', `/polls/${poll.id}`, { body: { options: ['Bahn', 'Auto', 'Rad', 'zu Fuß'], resultsVisibility: 'after_close' } });
		expect(patched.status, patched.text).toBe(200);
		expect(patched.json).toEqual({
			...poll,
			options: [...poll.options, { id: 'o4', label: 'zu Fuß' }],
			resultsVisibility: 'after_close',
			resultsVisible: false
		});
		expect((await api<Poll>('GET', `/polls/${poll.id}`)).json).toEqual(patched.json);

		const opened = await openPoll(poll.id);
		expect(opened.state).toBe('open');
		expect(opened.openedAt).toMatch(ISO);

		const [a, b, c] = [await participant('room'), await participant('room'), await participant('online')];
		await vote(poll.id, a, single('o1'));
		const key = newKey();
		expect(await vote(poll.id, b, single('o2'), key)).toEqual({ pollId: poll.id, answer: single('o2'), status: 'approved' });
		// P3: a repeated key gets the first answer, whatever the repeat says.
		expect(await vote(poll.id, b, single('o3'), key)).toEqual({ pollId: poll.id, answer: single('o2'), status: 'approved' });
		await vote(poll.id, c, single('o1'));
		// P1: a changed vote replaces the old one; P2: the participant still counts once.
		await vote(poll.id, a, single('o4'));

		const results = await api<Results>('GET', `/polls/${poll.id}/results`);
		expect(results.status).toBe(200);
		expect(results.json).toEqual({
			state: 'open',
			all: { kind: 'single', voters: 3, counts: { o1: 1, o2: 1, o3: 0, o4: 1 } },
			room: { kind: 'single', voters: 2, counts: { o1: 0, o2: 1, o3: 0, o4: 1 } },
			online: { kind: 'single', voters: 1, counts: { o1: 1, o2: 0, o3: 0, o4: 0 } }
		});

		// P4: the close answers the final tally with every acknowledged vote, every time.
		const closed = await api<Results>('POST', `/polls/${poll.id}/close`);
		expect(closed.status, closed.text).toBe(200);
		expect(closed.json).toEqual({ ...results.json, state: 'closed' });
		expect((await api<Results>('POST', `/polls/${poll.id}/close`)).json).toEqual(closed.json);
		expect((await api<Results>('GET', `/polls/${poll.id}/results`)).json).toEqual(closed.json);
		await expect(vote(poll.id, c, single('o2'))).rejects.toMatchObject({ code: 'poll_closed' });
		const after = (await api<Poll>('GET', `/polls/${poll.id}`)).json;
		expect(after).toMatchObject({ state: 'closed', resultsVisible: true });
		expect(after.closedAt).toMatch(ISO);

		const reset = await api<Poll>('POST', `/polls/${poll.id}/reset`);
		expect(reset.status).toBe(200);
		expect(reset.json).toMatchObject({ state: 'draft', openedAt: null, closedAt: null, resultsOverride: null });
		expect((await api<Results>('GET', `/polls/${poll.id}/results`)).json).toMatchObject({ state: 'draft', all: { voters: 0 }, room: { voters: 0 } });

		const del = await api('DELETE', `/polls/${scale.id}`);
		expect(del.status).toBe(204);
		expect(del.text).toBe('');
		await expectError(api('GET', `/polls/${scale.id}`), 404, 'not_found');
		expect((await api<{ polls: Poll[] }>('GET', `/sessions/${s.id}/polls`)).json.polls.map((p) => p.id)).toEqual([poll.id]);
	});

	it('P4: an opened poll cannot be changed (409); a draft cannot be closed; opening one poll closes the other', async () => {
		const s = await newSession();
		const first = await createPoll(s.id, { kind: 'open', question: 'Was fehlt?' });
		const second = await createPoll(s.id, { kind: 'wordcloud', question: 'Ein Wort?' });
		await expectError(api('POST', `/polls/${first.id}/close`), 409, 'conflict');
		expect((await api<Poll>('GET', `/polls/${first.id}`)).json.state).toBe('draft');

		const opened = await openPoll(first.id);
		// Opening an open poll changes nothing.
		expect(await openPoll(first.id)).toEqual(opened);
		await expectError(api('PATCH', `/polls/${first.id}`, { body: { question: 'Was fehlt noch?' } }), 409, 'conflict');
		expect((await api<Poll>('GET', `/polls/${first.id}`)).json).toEqual(opened);

		await openPoll(second.id);
		const states = (await api<{ polls: Poll[] }>('GET', `/sessions/${s.id}/polls`)).json.polls.map((p) => [p.id, p.state]);
		expect(states).toEqual([
			[first.id, 'closed'],
			[second.id, 'open']
		]);
		await expectError(api('PATCH', `/polls/${first.id}`, { body: { question: 'Was fehlt noch?' } }), 409, 'conflict');
	});

	it('P4: opening a closed poll is refused with conflict and changes nothing', async () => {
		const s = await newSession();
		const first = await createPoll(s.id, { kind: 'open', question: 'Was fehlt?' });
		const second = await createPoll(s.id, { kind: 'open', question: 'Was war gut?' });
		await openPoll(first.id);
		await openPoll(second.id);
		const before = (await api<{ polls: Poll[] }>('GET', `/sessions/${s.id}/polls`)).json.polls;
		expect(before.map((p) => p.state)).toEqual(['closed', 'open']);
		await expectError(api('POST', `/polls/${first.id}/open`), 409, 'conflict');
		expect((await api<{ polls: Poll[] }>('GET', `/sessions/${s.id}/polls`)).json.polls).toEqual(before);
	});

	it('P5: invalid poll bodies are refused with invalid_payload and change nothing', async () => {
		const s = await newSession();
		const post = (body: unknown) => api('POST', `/sessions/${s.id}/polls`, { body });
		expect(await expectError(post({ kind: 'single', question: 'Q?', options: ['Nur eine'] }), 400, 'invalid_payload')).toBe('options: at least two options');
		expect(await expectError(post({ kind: 'single', question: 'Q?', options: ['Ja', 'ja'] }), 400, 'invalid_payload')).toBe('options: options must differ');
		expect(await expectError(post({ kind: 'multiple', question: 'Q?', options: ['A', 'B'], maxChoices: 3 }), 400, 'invalid_payload')).toBe(
			'maxChoices: more choices than options'
		);
		expect(await expectError(post({ kind: 'scale', question: 'Q?', scaleMin: 5, scaleMax: 5 }), 400, 'invalid_payload')).toBe('scaleMax: the scale must go up');
		expect(await expectError(post({ kind: 'scale', question: 'Q?', scaleMax: 11 }), 400, 'invalid_payload')).toMatch(/^scaleMax: /);
		expect(await expectError(post({ kind: 'quiz', question: 'Q?' }), 400, 'invalid_payload')).toMatch(/^kind: /);
		expect(await expectError(post({ kind: 'open', question: '   ' }), 400, 'invalid_payload')).toMatch(/^question: /);
		expect(await expectError(post({ kind: 'open', question: 'x'.repeat(301) }), 400, 'invalid_payload')).toMatch(/^question: /);
		expect(await expectError(post({ kind: 'open', question: 'Q?', state: 'open' }), 400, 'invalid_payload')).toMatch(/^state: unknown or read-only field/);
		expect(await expectError(post([]), 400, 'invalid_payload')).toBe('the body must be a JSON object');
		expect((await api<{ polls: Poll[] }>('GET', `/sessions/${s.id}/polls`)).json.polls).toEqual([]);

		const poll = await createPoll(s.id, { kind: 'multiple', question: 'Welche Themen?', options: ['Bus', 'Bahn', 'Rad'] });
		expect(poll.config).toEqual({ maxChoices: 3 });
		const patch = (body: unknown) => api<Poll>('PATCH', `/polls/${poll.id}`, { body });
		// "As many choices as options" follows the options; a limit set by hand does not.
		expect((await patch({ options: ['Bus', 'Bahn'] })).json.config).toEqual({ maxChoices: 2 });
		expect((await patch({ options: ['Bus', 'Bahn', 'Rad', 'Fuß'], maxChoices: 2 })).json.config).toEqual({ maxChoices: 2 });
		expect((await patch({ options: ['Bus', 'Bahn', 'Rad'] })).json.config).toEqual({ maxChoices: 2 });
		expect((await patch({ maxChoices: null })).json.config).toEqual({ maxChoices: 3 });
		const good = (await api<Poll>('GET', `/polls/${poll.id}`)).json;
		expect(await expectError(patch({ maxChoices: 4 }), 400, 'invalid_payload')).toBe('maxChoices: more choices than options');
		expect(await expectError(patch({ options: ['Bus'] }), 400, 'invalid_payload')).toBe('options: at least two options');
		expect(await expectError(patch({ kind: 'scale', scaleMin: 3, scaleMax: 2 }), 400, 'invalid_payload')).toBe('scaleMax: the scale must go up');
		expect(await expectError(patch({ id: 'x' }), 400, 'invalid_payload')).toMatch(/^id: unknown or read-only field/);
		expect(await expectError(patch({ question: 42 }), 400, 'invalid_payload')).toMatch(/^question: /);
		expect((await api<Poll>('GET', `/polls/${poll.id}`)).json).toEqual(good);
	});
});

describe('poll rights', () => {
	const endpoints = (pollId: string): [string, string, unknown?][] => [
		['GET', `/polls/${pollId}`],
		['PATCH', `/polls/${pollId}`, { question: 'Übernommen?' }],
		['POST', `/polls/${pollId}/open`],
		['POST', `/polls/${pollId}/close`],
		['POST', `/polls/${pollId}/reset`],
		['GET', `/polls/${pollId}/results`],
		['GET', `/polls/${pollId}/export.csv`],
		['GET', `/polls/${pollId}/export.json`],
		['DELETE', `/polls/${pollId}`]
	];

	it('S3: a moderator of another event and a stranger get 404 on every poll endpoint, as for an unknown poll', async () => {
		const s = await newSession();
		const poll = await createPoll(s.id, { kind: 'single', question: 'Geheim?', options: ['Ja', 'Nein'] });
		await openPoll(poll.id);
		const unknownPoll = await expectError(api('GET', '/polls/no-such-poll'), 404, 'not_found');
		const unknownSession = await expectError(api('GET', '/sessions/no-such-session/polls'), 404, 'not_found');
		for (const token of [otherModeratorToken, strangerToken]) {
			for (const [method, path, body] of endpoints(poll.id))
				expect(await expectError(api(method, path, { token, body }), 404, 'not_found'), `${method} ${path}`).toBe(unknownPoll);
			expect(await expectError(api('GET', `/sessions/${s.id}/polls`, { token }), 404, 'not_found')).toBe(unknownSession);
			expect(await expectError(api('POST', `/sessions/${s.id}/polls`, { token, body: { kind: 'open', question: 'Q?' } }), 404, 'not_found')).toBe(
				unknownSession
			);
		}
		expect((await api<Poll>('GET', `/polls/${poll.id}`)).json).toMatchObject({ state: 'open', question: 'Geheim?' });
		expect((await api<{ polls: Poll[] }>('GET', `/sessions/${s.id}/polls`)).json.polls).toHaveLength(1);
		// The same token does reach the polls of its own event: the 404s above are about membership.
		const foreign = await createPoll(elsewhereSession.id, { kind: 'open', question: 'Fremd?' });
		expect((await api('GET', `/polls/${foreign.id}`, { token: otherModeratorToken })).status).toBe(200);
	});

	it("AT1 AC3: a workshop lead's token moderates the polls of their session only (403 elsewhere)", async () => {
		const mine = await createPoll(leadSession.id, { kind: 'open', question: 'Was nehmen Sie mit?' }, leadToken);
		expect((await api('POST', `/polls/${mine.id}/open`, { token: leadToken })).status).toBe(200);
		expect((await api<Results>('GET', `/polls/${mine.id}/results`, { token: leadToken })).json.state).toBe('open');

		const s = await newSession();
		const theirs = await createPoll(s.id, { kind: 'single', question: 'Plenum?', options: ['Ja', 'Nein'] });
		for (const [method, path, body] of endpoints(theirs.id)) await expectError(api(method, path, { token: leadToken, body }), 403, 'forbidden');
		await expectError(api('GET', `/sessions/${s.id}/polls`, { token: leadToken }), 403, 'forbidden');
		await expectError(api('POST', `/sessions/${s.id}/polls`, { token: leadToken, body: { kind: 'open', question: 'Q?' } }), 403, 'forbidden');
		expect((await api<Poll>('GET', `/polls/${theirs.id}`)).json).toEqual(theirs);
	});
});

describe('poll exports', () => {
	let s: SessionRecord;
	let named: Poll;
	let anonymous: Poll;
	let choice: Poll;
	let words: Poll;
	const people: Participant[] = [];
	/** What each participant typed into the named open-text poll, by display name. */
	const NAMED_ANSWERS: [string | null, 'room' | 'online', string][] = [
		['Anna Marker-7f3a', 'room', '=HYPERLINK("http://evil.example","klick")'],
		['+Bert', 'online', '+1'],
		[null, 'room', '@SUM(A1:A3)'],
		['-Carla', 'online', '-2+3'],
		['Dora', 'room', 'Zeile 1\nZeile 2, "zitiert"; mit Ümlaut']
	];

	beforeAll(async () => {
		s = await newSession('Abschluss & Ausblick');
		// The question itself starts with "=": moderators type cells too.
		named = await createPoll(s.id, { kind: 'open', question: '=Was nehmen Sie mit?', moderated: false, showNames: true });
		anonymous = await createPoll(s.id, { kind: 'open', question: 'Was fehlt?', moderated: true, showNames: false });
		choice = await createPoll(s.id, { kind: 'single', question: 'Weiter so?', options: ['Ja', 'Nein', '=1+1'], showNames: true });
		words = await createPoll(s.id, { kind: 'wordcloud', question: 'Ein Wort?', maxEntries: 3, showNames: true });
		for (const [name, via] of NAMED_ANSWERS) people.push(await participant(via, name));

		await openPoll(named.id);
		for (const [i, [, , text]] of NAMED_ANSWERS.entries()) await voteInOrder(named.id, people[i]!, { kind: 'open', text });
		await openPoll(anonymous.id);
		await voteInOrder(anonymous.id, people[0]!, { kind: 'open', text: 'Mehr Pausen' });
		await voteInOrder(anonymous.id, people[1]!, { kind: 'open', text: '-Weniger Folien' });
		await openPoll(choice.id);
		await voteInOrder(choice.id, people[0]!, single('o3'));
		await voteInOrder(choice.id, people[1]!, single('o1'));
		await voteInOrder(choice.id, people[2]!, single('o1'));
		await openPoll(words.id);
		await voteInOrder(words.id, people[0]!, { kind: 'wordcloud', words: ['=cmd', '+Bahn', 'Rad'] });
		await voteInOrder(words.id, people[1]!, { kind: 'wordcloud', words: ['rad', 'Bahn'] });
		// Each opening closed the poll before (P4); `words` stays open: exports work while polls run.
	});

	/** No participant id, and no name outside the named open-text poll. */
	function expectNoIdentities(text: string, namesAllowed: boolean) {
		for (const p of people) expect(text).not.toContain(p.id);
		if (!namesAllowed) for (const [name] of NAMED_ANSWERS) if (name) expect(text).not.toContain(name);
	}

	function expectNeutralised(rows: string[][]) {
		for (const row of rows) for (const cell of row) expect(FORMULA_START.test(cell), JSON.stringify(cell)).toBe(false);
	}

	it('P10: the CSV of a poll holds every answer, names where the poll shows them, and neutralised cells', async () => {
		const res = await api('GET', `/polls/${named.id}/export.csv`);
		expect(res.status, res.text).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="plenum-poll-buergerforum-mobilitaet-2026-abschluss-ausblick-1.csv"');
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.text.startsWith('\uFEFF')).toBe(true);
		const rows = parseCsv(res.text);
		expect(rows[0]).toEqual(['poll_id', 'session', 'question', 'kind', 'channel', 'answer', 'status', 'name', 'created_at']);
		expectNeutralised(rows);
		const records = csvRecords(res.text);
		expect(records.map((r) => [r.channel, r.answer, r.status, r.name])).toEqual([
			['room', `'=HYPERLINK("http://evil.example","klick")`, 'approved', 'Anna Marker-7f3a'],
			['online', "'+1", 'approved', "'+Bert"],
			['room', "'@SUM(A1:A3)", 'approved', ''],
			['online', "'-2+3", 'approved', "'-Carla"],
			['room', 'Zeile 1\nZeile 2, "zitiert"; mit Ümlaut', 'approved', 'Dora']
		]);
		for (const r of records) {
			expect(r).toMatchObject({ poll_id: named.id, session: 'Abschluss & Ausblick', question: "'=Was nehmen Sie mit?", kind: 'open' });
			expect(r.created_at).toMatch(ISO);
		}
		expectNoIdentities(res.text, true);
	});

	it('P10: names never appear where the poll does not show them (other kinds, or open text without names)', async () => {
		for (const poll of [anonymous, choice, words]) {
			const csv = await api('GET', `/polls/${poll.id}/export.csv`);
			const json = await api('GET', `/polls/${poll.id}/export.json`);
			expect(csv.status).toBe(200);
			expectNoIdentities(csv.text, false);
			expectNoIdentities(json.text, false);
			expectNeutralised(parseCsv(csv.text));
			expect(csvRecords(csv.text).every((r) => r.name === '')).toBe(true);
		}
		const records = csvRecords((await api('GET', `/polls/${choice.id}/export.csv`)).text);
		expect(records.map((r) => [r.channel, r.answer, r.status])).toEqual([
			['room', "'=1+1", ''],
			['online', 'Ja', ''],
			['room', 'Ja', '']
		]);
		const anon = csvRecords((await api('GET', `/polls/${anonymous.id}/export.csv`)).text);
		expect(anon.map((r) => [r.answer, r.status])).toEqual([
			['Mehr Pausen', 'pending'],
			["'-Weniger Folien", 'pending']
		]);
		// P6: words as counted (normalised); P10: "=cmd" keeps its "=" and is neutralised.
		const cloud = csvRecords((await api('GET', `/polls/${words.id}/export.csv`)).text);
		expect(cloud.map((r) => r.answer)).toEqual(["'=cmd; +bahn; rad", 'rad; bahn']);
	});

	it('P10: the JSON of a poll holds settings, results and every answer, without participant identities', async () => {
		const res = await api<PollsExport>('GET', `/polls/${named.id}/export.json`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="plenum-poll-[a-z0-9-]+\.json"$/);
		const doc = res.json;
		expect(doc).toMatchObject({ format: 'plenum-polls', version: 1, event: { id: event.id, title: EVENT.title, timeZone: 'Europe/Berlin' } });
		expect(doc.exportedAt).toMatch(ISO);
		expect(doc.polls).toHaveLength(1);
		const p = doc.polls[0]!;
		expect(p).toMatchObject({
			id: named.id,
			session: { id: s.id, title: 'Abschluss & Ausblick' },
			kind: 'open',
			question: '=Was nehmen Sie mit?',
			settings: { moderated: false, allowChange: true, resultsVisibility: 'live', resultsOverride: null, showNames: true },
			// Opening the next poll of the session closed it (P4): its results are the final tally.
			state: 'closed'
		});
		expect(p.openedAt).toMatch(ISO);
		expect(p.closedAt).toMatch(ISO);
		expect(p.results.all).toMatchObject({ kind: 'open', voters: 5, pending: 0 });
		expect(p.results.room.voters + p.results.online.voters).toBe(5);
		expect(p.answers).toHaveLength(NAMED_ANSWERS.length);
		for (const [i, a] of p.answers.entries()) {
			expect(Object.keys(a).sort()).toEqual(['answer', 'channel', 'createdAt', 'name', 'status']);
			const [name, channel, text] = NAMED_ANSWERS[i]!;
			expect(a).toEqual({ channel, answer: { text }, status: 'approved', name, createdAt: a.createdAt });
		}
		expectNoIdentities(res.text, true);

		const choiceDoc = (await api<PollsExport>('GET', `/polls/${choice.id}/export.json`)).json.polls[0]!;
		expect(choiceDoc.answers.map((a) => [a.answer, a.status, a.name])).toEqual([
			[{ option: '=1+1' }, null, null],
			[{ option: 'Ja' }, null, null],
			[{ option: 'Ja' }, null, null]
		]);
		expect(choiceDoc.results.all).toEqual({ kind: 'single', voters: 3, counts: { o1: 2, o2: 0, o3: 1 } });
	});

	it('P9 P10: the summary CSV gives counts all / room / online; semicolons for German spreadsheets', async () => {
		const res = await api('GET', `/polls/${choice.id}/export.csv?summary=1`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="plenum-poll-buergerforum-mobilitaet-2026-abschluss-ausblick-3-summary.csv"');
		const records = csvRecords(res.text);
		expect(records.map((r) => [r.item, r.measure, r.all, r.room, r.online])).toEqual([
			['', 'voters', '3', '2', '1'],
			['Ja', 'votes', '2', '1', '1'],
			['Nein', 'votes', '0', '0', '0'],
			["'=1+1", 'votes', '1', '1', '0']
		]);
		expectNeutralised(parseCsv(res.text));

		const semi = await api('GET', `/polls/${named.id}/export.csv?delimiter=semicolon`);
		expect(semi.status).toBe(200);
		expect(csvRecords(semi.text, ';').map((r) => r.answer)).toEqual(csvRecords((await api('GET', `/polls/${named.id}/export.csv`)).text).map((r) => r.answer));

		await expectError(api('GET', `/polls/${choice.id}/export.csv?summary=yes`), 400, 'invalid_payload');
		await expectError(api('GET', `/polls/${choice.id}/export.csv?delimiter=tab`), 400, 'invalid_payload');
	});

	it('P10: the staff download of a session and of the event holds every answer of every poll', async () => {
		const session = await staffGet(`/admin/events/${event.id}/export/polls.csv?session=${s.id}`, ownerCookie);
		expect(session.status).toBe(200);
		expect(session.headers.get('content-disposition')).toBe('attachment; filename="plenum-polls-buergerforum-mobilitaet-2026-abschluss-ausblick.csv"');
		const text = await session.text();
		const records = csvRecords(text);
		const perPoll = (id: string) => records.filter((r) => r.poll_id === id).length;
		expect([perPoll(named.id), perPoll(anonymous.id), perPoll(choice.id), perPoll(words.id)]).toEqual([5, 2, 3, 2]);
		expect(records).toHaveLength(12);
		expect(records.filter((r) => r.name !== '').every((r) => r.poll_id === named.id)).toBe(true);
		expectNeutralised(parseCsv(text));
		for (const p of people) expect(text).not.toContain(p.id);

		const one = await staffGet(`/admin/events/${event.id}/export/polls.json?poll=${choice.id}`, ownerCookie);
		expect(one.status).toBe(200);
		const oneDoc = (await one.json()) as PollsExport;
		expect(oneDoc.polls.map((p) => p.id)).toEqual([choice.id]);

		const all = await staffGet(`/admin/events/${event.id}/export/polls.json`, ownerCookie);
		expect(all.status).toBe(200);
		expect(all.headers.get('content-disposition')).toBe('attachment; filename="plenum-polls-buergerforum-mobilitaet-2026.json"');
		const doc = (await all.json()) as PollsExport;
		const ids = doc.polls.map((p) => p.id);
		for (const id of [named.id, anonymous.id, choice.id, words.id]) expect(ids).toContain(id);
		expect(doc.polls.every((p) => p.session.id !== elsewhereSession.id)).toBe(true);
		expect(doc.polls.find((p) => p.id === words.id)!.answers).toHaveLength(2);

		const summary = await staffGet(`/admin/events/${event.id}/export/polls.csv?session=${s.id}&summary=1&delimiter=semicolon`, ownerCookie);
		expect(summary.status).toBe(200);
		const sumRecords = csvRecords(await summary.text(), ';');
		expect(sumRecords.find((r) => r.poll_id === words.id && r.item === 'rad')).toMatchObject({ measure: 'mentions', all: '2', room: '1', online: '1' });
	});

	it('AC3 S3: staff downloads need a login and a role; a lead gets their sessions only', async () => {
		const path = `/admin/events/${event.id}/export/polls.csv`;
		const anonymousVisit = await staffGet(path, null);
		expect(anonymousVisit.status).toBe(303);
		expect(anonymousVisit.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
		expect((await staffGet(path, strangerCookie)).status).toBe(404);
		expect((await staffGet(`/admin/events/${event.id}/export/polls.csv?session=${elsewhereSession.id}`, ownerCookie)).status).toBe(404);
		const foreign = await createPoll(elsewhereSession.id, { kind: 'open', question: 'Fremd?' });
		expect((await staffGet(`/admin/events/${event.id}/export/polls.json?poll=${foreign.id}`, ownerCookie)).status).toBe(404);
		expect((await staffGet(`/admin/events/${event.id}/export/polls.json?poll=${named.id}&session=${leadSession.id}`, ownerCookie)).status).toBe(404);
		expect((await staffGet(`${path}?summary=maybe`, ownerCookie)).status).toBe(400);

		await createPoll(leadSession.id, { kind: 'scale', question: 'Wie hilfreich?' }, leadToken);
		const lead = await staffGet(`/admin/events/${event.id}/export/polls.json`, leadCookie);
		expect(lead.status).toBe(200);
		const doc = (await lead.json()) as PollsExport;
		expect(doc.polls.length).toBeGreaterThan(0);
		expect(doc.polls.every((p) => p.session.id === leadSession.id)).toBe(true);
		expect((await staffGet(`${path}?session=${s.id}`, leadCookie)).status).toBe(403);
		expect((await staffGet(`${path}?poll=${named.id}`, leadCookie)).status).toBe(403);
		expect((await staffGet(`${path}?session=${leadSession.id}`, leadCookie)).status).toBe(200);
	});
});
