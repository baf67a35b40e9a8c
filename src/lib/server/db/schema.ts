import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Times are epoch milliseconds (bigint in PostgreSQL, read back as
 * numbers); wall-clock agenda times are local ISO strings ('2026-05-04T09:30') in the event's
 * time zone; booleans are 0/1 so one set of migrations serves both dialects.
 */
export interface UsersTable {
	id: string;
	email: string;
	name: string;
	password_hash: string;
	is_admin: number;
	created_at: number;
}
export interface AuthSessionsTable {
	id: string;
	user_id: string;
	expires_at: number;
	created_at: number;
}
export interface EventsTable {
	id: string;
	title: string;
	starts_on: string;
	ends_on: string;
	time_zone: string;
	default_locale: string;
	retention_on: string;
	join_code: string;
	/** JSON array of words that hold a question back for moderation; null: the shipped defaults. */
	qa_words: Generated<string | null>;
	created_by: string;
	created_at: number;
	updated_at: number;
}
export interface EventSessionsTable {
	id: string;
	event_id: string;
	kind: string;
	title: string;
	starts_at: string;
	ends_at: string;
	room: string;
	livestream_url: string | null;
	position: number;
	join_code: string;
	stage_key: number;
	qa_enabled: Generated<number>;
	qa_moderation: Generated<string>;
	created_at: number;
	updated_at: number;
}
export interface JoinCodesTable {
	code: string;
	event_id: string;
	session_id: string | null;
}
export interface MembershipsTable {
	event_id: string;
	user_id: string;
	role: string;
	created_at: number;
}
export interface LeadSessionsTable {
	event_id: string;
	user_id: string;
	session_id: string;
}
export interface InvitesTable {
	id: string;
	token_hash: string;
	event_id: string;
	role: string;
	session_ids: string;
	expires_at: number;
	used_at: number | null;
	used_by: string | null;
	created_by: string;
	created_at: number;
}
export interface ParticipantsTable {
	id: string;
	event_id: string;
	token_hash: string;
	display_name: string | null;
	channel: string;
	joined_via: string;
	created_at: number;
}
export interface StageStatesTable {
	session_id: string;
	version: number;
	state: string;
	updated_at: number;
}
export interface ApiTokensTable {
	id: string;
	token_hash: string;
	name: string;
	user_id: string;
	created_at: number;
	last_used_at: number | null;
	revoked_at: number | null;
}
export interface SettingsTable {
	key: string;
	value: string;
}
export interface PollsTable {
	id: string;
	session_id: string;
	event_id: string;
	kind: string;
	question: string;
	options: string;
	config: string;
	position: number;
	state: string;
	allow_change: number;
	results_visibility: string;
	results_override: string | null;
	show_names: number;
	final_tally: string | null;
	opened_at: number | null;
	closed_at: number | null;
	created_at: number;
	updated_at: number;
}
export interface PollVotesTable {
	id: string;
	poll_id: string;
	participant_id: string;
	channel: string;
	answer: string;
	status: string;
	created_at: number;
	updated_at: number;
}
/** The first answer to an action, by the client's idempotency key (P3: a repeat gets it again). */
export interface IdempotencyKeysTable {
	participant_id: string;
	key: string;
	result: string;
	created_at: number;
}
export interface QuestionsTable {
	id: string;
	session_id: string;
	event_id: string;
	participant_id: string;
	channel: string;
	text: string;
	name: string | null;
	status: string;
	hide_reason: string | null;
	flagged: number;
	pinned: number;
	reply: string | null;
	/** Kept equal to the rows of question_upvotes in the same transaction (Q1). */
	upvotes: number;
	edited: number;
	created_at: number;
	updated_at: number;
	answered_at: number | null;
}
export interface QuestionUpvotesTable {
	question_id: string;
	participant_id: string;
	session_id: string;
	created_at: number;
}
export interface BoardsTable {
	id: string;
	event_id: string;
	title: string;
	mode: string;
	state: string;
	lottery_deadline: number | null;
	/** Lottery seed (hex); public only after the draw. */
	seed: string;
	seed_hash: string;
	drawn_at: number | null;
	draw_summary: string | null;
	created_at: number;
	updated_at: number;
}
export interface BoardWorkshopsTable {
	session_id: string;
	board_id: string;
	capacity: number;
	confirmed: number;
	queue_seq: number;
	description: string;
	position: number;
}
export interface SeatsTable {
	board_id: string;
	participant_id: string;
	session_id: string;
	status: string;
	queue_no: number;
	drawn_rank: number | null;
	created_at: number;
	confirmed_at: number | null;
}
export interface LotteryEntriesTable {
	board_id: string;
	participant_id: string;
	/** JSON array of session ids, first choice first. */
	choices: string;
	/** After the draw: the seat drawn (null: none) and the rank of that choice (0: none). */
	drawn_session_id: string | null;
	drawn_rank: number | null;
	created_at: number;
	updated_at: number;
}
export interface ReportBacksTable {
	session_id: string;
	summary: string;
	/** JSON arrays of the questions and polls of the workshop the lead picked, in order. */
	question_ids: string;
	poll_ids: string;
	updated_at: number;
}
export interface Database {
	users: UsersTable;
	auth_sessions: AuthSessionsTable;
	events: EventsTable;
	event_sessions: EventSessionsTable;
	join_codes: JoinCodesTable;
	memberships: MembershipsTable;
	lead_sessions: LeadSessionsTable;
	invites: InvitesTable;
	participants: ParticipantsTable;
	stage_states: StageStatesTable;
	api_tokens: ApiTokensTable;
	settings: SettingsTable;
	polls: PollsTable;
	poll_votes: PollVotesTable;
	idempotency_keys: IdempotencyKeysTable;
	questions: QuestionsTable;
	question_upvotes: QuestionUpvotesTable;
	boards: BoardsTable;
	board_workshops: BoardWorkshopsTable;
	seats: SeatsTable;
	lottery_entries: LotteryEntriesTable;
	report_backs: ReportBacksTable;
}
