import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Kysely, sql } from 'kysely';
import { nodeSqliteDialect } from '../../src/lib/server/db/sqlite-dialect.ts';
import type { Database } from '../../src/lib/server/db/schema.ts';
import type { Answer } from '../../src/lib/shared/polls.ts';
import { EVENT_OF, type LoggedPhone } from './action-log.ts';
import { boardSnapshot, boardViolations, type BoardSnapshot } from './board-invariants.ts';

/**
 * Checks of a Plenum SQLite file as a crash left it (D1 of quality.md): read with a read-only
 * connection while no server runs on it, so nothing is checkpointed or written back and the
 * restarted server finds the file exactly as the kill left it.
 */
export interface FileState {
	/** PRAGMA integrity_check, its lines joined: 'ok' when sound. */
	integrity: string;
	/** Rows PRAGMA foreign_key_check reports. */
	foreignKeyProblems: number;
	/** participant → key → stored answer (votes store the answer, other actions {op, data}). */
	keys: Map<string, Map<string, { op: string; data: unknown }>>;
	/** The poll's votes by participant (two rows for one participant throw). */
	votes: Map<string, Answer>;
	/** The session's questions. */
	questions: { id: string; participantId: string; text: string }[];
	/** The board's workshops and seats, in the shape the shared seat oracle checks. */
	board: BoardSnapshot;
}

/** Reads one poll's votes, one session's questions, one board and every idempotency key from the file at `path`, read-only. */
export async function readSqliteFile(path: string, ids: { pollId: string; sessionId: string; boardId: string }): Promise<FileState> {
	const db = new Kysely<Database>({ dialect: nodeSqliteDialect(`${pathToFileURL(path).href}?mode=ro`).dialect });
	try {
		const integrity = (await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows.map((r) => r.integrity_check).join('; ');
		const foreignKeyProblems = (await sql`PRAGMA foreign_key_check`.execute(db)).rows.length;
		const keys = new Map<string, Map<string, { op: string; data: unknown }>>();
		for (const r of await db.selectFrom('idempotency_keys').select(['participant_id', 'key', 'result']).execute()) {
			const parsed = JSON.parse(r.result) as { op?: string; data?: unknown };
			// castVote stores the answer itself; once() stores {op, data}.
			const entry = typeof parsed.op === 'string' ? { op: parsed.op, data: parsed.data } : { op: 'poll:vote', data: parsed };
			if (!keys.has(r.participant_id)) keys.set(r.participant_id, new Map());
			keys.get(r.participant_id)!.set(r.key, entry);
		}
		const voteRows = await db.selectFrom('poll_votes').select(['participant_id', 'answer']).where('poll_id', '=', ids.pollId).execute();
		const votes = new Map(voteRows.map((r) => [r.participant_id, JSON.parse(r.answer) as Answer]));
		if (votes.size !== voteRows.length) throw new Error('two vote rows for one participant');
		const questions = (await db.selectFrom('questions').select(['id', 'participant_id', 'text']).where('session_id', '=', ids.sessionId).execute()).map(
			(r) => ({
				id: r.id,
				participantId: r.participant_id,
				text: r.text
			})
		);
		return { integrity, foreignKeyProblems, keys, votes, questions, board: await boardSnapshot(db, ids.boardId) };
	} finally {
		await db.destroy();
	}
}

/**
 * The file against the phones' logs: every acknowledged action is in it with the answer the phone
 * got, nothing is there twice, the seats keep the board's rules, and each phone's vote, questions
 * and seat are what its log says. `inFlight`: a phone's one unanswered action may or may not have
 * committed before the crash; either is correct. Returns the breaches as readable lines.
 */
export function fileViolations(s: FileState, phones: LoggedPhone[], inFlight: boolean): string[] {
	const out: string[] = [];
	if (s.integrity !== 'ok') out.push(`integrity_check: ${s.integrity}`);
	if (s.foreignKeyProblems > 0) out.push(`foreign_key_check: ${s.foreignKeyProblems} rows`);
	out.push(...boardViolations(s.board));
	const questionsOf = new Map<string, { id: string; text: string }[]>();
	for (const q of s.questions) {
		if (!questionsOf.has(q.participantId)) questionsOf.set(q.participantId, []);
		questionsOf.get(q.participantId)!.push(q);
	}
	for (const p of phones) {
		const stored = s.keys.get(p.participantId) ?? new Map<string, { op: string; data: unknown }>();
		const open = inFlight && p.pending && !p.pending.replay ? p.pending : null;
		// No acknowledged action lost, with the answer the phone was given.
		for (const [key, a] of p.acked) {
			const row = stored.get(key);
			if (!row) out.push(`phone ${p.n}: acked ${a.kind} ${key} is not in idempotency_keys (lost)`);
			else if (row.op !== EVENT_OF[a.kind] || !isDeepStrictEqual(row.data, a.data))
				out.push(`phone ${p.n}: ${a.kind} ${key} stored ${JSON.stringify(row)}, acked ${JSON.stringify(a.data)}`);
		}
		// Nothing the phone was not told about, except its one action in flight.
		for (const key of stored.keys())
			if (!p.acked.has(key) && key !== open?.key) out.push(`phone ${p.n}: key ${key} in the database was never acknowledged nor in flight`);
		const committed = open !== null && stored.has(open.key);
		// The vote: the latest acknowledged one (or the one in flight, if it committed).
		const wantVote = committed && open.kind === 'vote' ? (open.payload.answer as Answer) : p.vote;
		const gotVote = s.votes.get(p.participantId) ?? null;
		if (!isDeepStrictEqual(gotVote, wantVote)) out.push(`phone ${p.n}: stored vote ${JSON.stringify(gotVote)}, last acked ${JSON.stringify(wantVote)}`);
		// Questions: one row per acknowledged key, no more.
		const rows = questionsOf.get(p.participantId) ?? [];
		const wantIds = new Map([...p.questions.values()].map((q) => [q.id, q.text]));
		if (committed && open.kind === 'ask') {
			const d = stored.get(open.key)!.data as { id: string; text: string };
			wantIds.set(d.id, d.text);
		}
		const rowIds = rows.map((r) => r.id);
		if (new Set(rowIds).size !== rowIds.length) out.push(`phone ${p.n}: duplicate question ids`);
		for (const [id, text] of wantIds) if (!rows.some((r) => r.id === id && r.text === text)) out.push(`phone ${p.n}: acked question ${id} missing`);
		for (const r of rows) if (!wantIds.has(r.id)) out.push(`phone ${p.n}: question ${r.id} ("${r.text}") has no acknowledged key (duplicate or phantom)`);
		const askKeys = [...stored.values()].filter((x) => x.op === 'qa:ask').length;
		if (askKeys !== rows.length) out.push(`phone ${p.n}: ${askKeys} ask keys but ${rows.length} questions`);
		// The seat: the latest acknowledged claim or cancel (or the one in flight, if it committed).
		let wantSeat = p.seat;
		if (committed && open.kind === 'claim') wantSeat = open.payload.sessionId as string;
		if (committed && open.kind === 'cancel') wantSeat = null;
		const seats = s.board.rows.filter((r) => r.participantId === p.participantId);
		if (seats.length > 1) out.push(`phone ${p.n}: ${seats.length} seats on one board`);
		const gotSeat = seats[0]?.sessionId ?? null;
		if (gotSeat !== wantSeat) out.push(`phone ${p.n}: seat in ${gotSeat}, last acked ${wantSeat}`);
	}
	return out;
}
