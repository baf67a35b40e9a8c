import { sql, type RawBuilder } from 'kysely';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { listMembers } from '../invites/service.ts';
import { AppError } from '../errors.ts';
import { csvDocument, type CsvOptions, type CsvValue } from './csv.ts';

/**
 * Everything one event holds (G3), table by table, as the database keeps it: the owner's answer
 * to "give me all the data" and to a participant's request for theirs. Rows are found through
 * the event; secrets (hashes of tokens, the lottery seed; its hash and the draw are in it) never leave.
 * Tables that are not the event's (staff accounts, logins, API tokens, settings) are named in
 * NOT_EVENT_DATA, and a test checks that every table of the schema is one or the other.
 */
const inSessions = (id: string) => sql`session_id in (select id from event_sessions where event_id = ${id})`;
const inBoards = (id: string) => sql`board_id in (select id from boards where event_id = ${id})`;
const ofEvent = (id: string) => sql`event_id = ${id}`;

interface TableScope {
	where: (eventId: string) => RawBuilder<unknown>;
	/** Columns that never leave the server. */
	omit?: readonly string[];
}

export const ARCHIVE_TABLES = {
	events: { where: (id) => sql`id = ${id}` },
	event_sessions: { where: ofEvent },
	join_codes: { where: ofEvent },
	memberships: { where: ofEvent },
	lead_sessions: { where: ofEvent },
	invites: { where: ofEvent, omit: ['token_hash'] },
	participants: { where: ofEvent, omit: ['token_hash'] },
	stage_states: { where: inSessions },
	polls: { where: ofEvent },
	poll_votes: { where: (id) => sql`poll_id in (select id from polls where event_id = ${id})` },
	questions: { where: ofEvent },
	question_upvotes: { where: inSessions },
	boards: { where: ofEvent, omit: ['seed'] },
	board_workshops: { where: inBoards },
	seats: { where: inBoards },
	lottery_entries: { where: inBoards },
	report_backs: { where: inSessions },
	// The replay cache of participants' actions (Q2, B8): copies of what they sent and got back.
	idempotency_keys: { where: (id) => sql`participant_id in (select id from participants where event_id = ${id})` }
} satisfies Record<string, TableScope>;

export type ArchiveTable = keyof typeof ARCHIVE_TABLES;

/** Tables outside any one event, with the reason; they are deleted with their account or never. */
export const NOT_EVENT_DATA: Record<string, string> = {
	users: 'staff accounts (names and emails of the team are in the archive under team)',
	auth_sessions: 'staff logins',
	api_tokens: 'staff API tokens',
	settings: 'installation settings (the server secret)'
};

export function isArchiveTable(name: string): name is ArchiveTable {
	return Object.hasOwn(ARCHIVE_TABLES, name);
}

export interface ArchiveTableData {
	columns: string[];
	rows: Record<string, unknown>[];
}

export interface EventArchive {
	format: 'plenum-event-archive';
	version: 1;
	exportedAt: string;
	eventId: string;
	/** The event's team with names and emails (memberships hold only ids). */
	team: { userId: string; name: string; email: string; role: string }[];
	tables: Record<ArchiveTable, ArchiveTableData>;
}

async function columnsOf(deps: Pick<Deps, 'db'>): Promise<Map<string, string[]>> {
	const tables = await deps.db.introspection.getTables();
	return new Map(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
}

async function readTable(table: ArchiveTable, eventId: string, columns: string[], deps: Pick<Deps, 'db'>): Promise<ArchiveTableData> {
	const scope: TableScope = ARCHIVE_TABLES[table];
	const keep = columns.filter((c) => !scope.omit?.includes(c));
	const res = await sql<
		Record<string, unknown>
	>`select ${sql.join(keep.map((c) => sql.ref(c)))} from ${sql.table(table)} where ${scope.where(eventId)}`.execute(deps.db);
	return { columns: keep, rows: res.rows };
}

/** The whole archive; only the event's owner may take it (`event:manage`). */
export async function eventArchive(userId: string, eventId: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<EventArchive> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	const columns = await columnsOf(deps);
	const tables = {} as Record<ArchiveTable, ArchiveTableData>;
	for (const table of Object.keys(ARCHIVE_TABLES) as ArchiveTable[]) tables[table] = await readTable(table, eventId, columns.get(table) ?? [], deps);
	const team = (await listMembers(eventId, userId, deps)).map(({ userId, name, email, role }) => ({ userId, name, email, role }));
	return { format: 'plenum-event-archive', version: 1, exportedAt: new Date(deps.clock.now()).toISOString(), eventId, team, tables };
}

/** One table of the archive as CSV (`team` is the team list). */
export async function eventArchiveCsv(userId: string, eventId: string, table: string, options: CsvOptions, deps: Pick<Deps, 'db' | 'clock'>): Promise<string> {
	if (table !== 'team' && !isArchiveTable(table)) throw new AppError('not_found', 'no such table in the archive');
	await requireAccess(userId, eventId, 'event:manage', deps);
	if (table === 'team') {
		const team = await listMembers(eventId, userId, deps);
		return csvDocument(
			['user_id', 'name', 'email', 'role'],
			team.map((m) => [m.userId, m.name, m.email, m.role]),
			options
		);
	}
	const columns = (await columnsOf(deps)).get(table) ?? [];
	const data = await readTable(table, eventId, columns, deps);
	return csvDocument(
		data.columns,
		data.rows.map((r) => data.columns.map((c) => r[c] as CsvValue)),
		options
	);
}
