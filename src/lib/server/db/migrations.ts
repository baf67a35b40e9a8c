/**
 * One list of migrations in the SQL subset that SQLite and PostgreSQL share: text ids, bigint
 * times (SQLite gives BIGINT integer affinity), 0/1 booleans, no autoincrement. Append only:
 * a migration that has run is never edited.
 */
export const migrations: { id: string; statements: string[] }[] = [
	{
		id: '0001_foundation',
		statements: [
			`CREATE TABLE users (
				id text PRIMARY KEY,
				email text NOT NULL UNIQUE,
				name text NOT NULL,
				password_hash text NOT NULL,
				is_admin integer NOT NULL DEFAULT 0,
				created_at bigint NOT NULL)`,
			`CREATE TABLE auth_sessions (
				id text PRIMARY KEY,
				user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				expires_at bigint NOT NULL,
				created_at bigint NOT NULL)`,
			`CREATE INDEX auth_sessions_user ON auth_sessions(user_id)`,
			`CREATE TABLE events (
				id text PRIMARY KEY,
				title text NOT NULL,
				starts_on text NOT NULL,
				ends_on text NOT NULL,
				time_zone text NOT NULL,
				default_locale text NOT NULL,
				retention_on text NOT NULL,
				join_code text NOT NULL UNIQUE,
				created_by text NOT NULL REFERENCES users(id),
				created_at bigint NOT NULL,
				updated_at bigint NOT NULL)`,
			`CREATE TABLE event_sessions (
				id text PRIMARY KEY,
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				kind text NOT NULL CHECK (kind IN ('plenary', 'panel', 'workshop')),
				title text NOT NULL,
				starts_at text NOT NULL,
				ends_at text NOT NULL,
				room text NOT NULL,
				livestream_url text,
				position integer NOT NULL,
				join_code text NOT NULL UNIQUE,
				stage_key integer NOT NULL DEFAULT 1,
				created_at bigint NOT NULL,
				updated_at bigint NOT NULL)`,
			`CREATE INDEX event_sessions_event ON event_sessions(event_id, position)`,
			`CREATE TABLE join_codes (
				code text PRIMARY KEY,
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				session_id text REFERENCES event_sessions(id) ON DELETE CASCADE)`,
			`CREATE TABLE memberships (
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				role text NOT NULL CHECK (role IN ('owner', 'moderator', 'workshop_lead')),
				created_at bigint NOT NULL,
				PRIMARY KEY (event_id, user_id))`,
			`CREATE TABLE lead_sessions (
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				session_id text NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
				PRIMARY KEY (user_id, session_id))`,
			`CREATE TABLE invites (
				id text PRIMARY KEY,
				token_hash text NOT NULL UNIQUE,
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				role text NOT NULL CHECK (role IN ('moderator', 'workshop_lead')),
				session_ids text NOT NULL,
				expires_at bigint NOT NULL,
				used_at bigint,
				used_by text REFERENCES users(id) ON DELETE SET NULL,
				created_by text NOT NULL REFERENCES users(id),
				created_at bigint NOT NULL)`,
			`CREATE TABLE participants (
				id text PRIMARY KEY,
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				token_hash text NOT NULL UNIQUE,
				display_name text,
				channel text NOT NULL CHECK (channel IN ('room', 'online')),
				joined_via text NOT NULL CHECK (joined_via IN ('room', 'online')),
				created_at bigint NOT NULL)`,
			`CREATE INDEX participants_event ON participants(event_id)`,
			`CREATE TABLE stage_states (
				session_id text PRIMARY KEY REFERENCES event_sessions(id) ON DELETE CASCADE,
				version integer NOT NULL,
				state text NOT NULL,
				updated_at bigint NOT NULL)`,
			`CREATE TABLE api_tokens (
				id text PRIMARY KEY,
				token_hash text NOT NULL UNIQUE,
				name text NOT NULL,
				user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				created_at bigint NOT NULL,
				last_used_at bigint,
				revoked_at bigint)`,
			`CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL)`
		]
	},
	{
		id: '0002_polls',
		statements: [
			`CREATE TABLE polls (
				id text PRIMARY KEY,
				session_id text NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'wordcloud', 'open', 'ranking')),
				question text NOT NULL,
				options text NOT NULL,
				config text NOT NULL,
				position integer NOT NULL,
				state text NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
				allow_change integer NOT NULL,
				results_visibility text NOT NULL CHECK (results_visibility IN ('live', 'after_close', 'never')),
				results_override text CHECK (results_override IN ('shown', 'hidden')),
				show_names integer NOT NULL,
				final_tally text,
				opened_at bigint,
				closed_at bigint,
				created_at bigint NOT NULL,
				updated_at bigint NOT NULL)`,
			`CREATE INDEX polls_session ON polls(session_id, position)`,
			`CREATE TABLE poll_votes (
				id text PRIMARY KEY,
				poll_id text NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
				participant_id text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
				channel text NOT NULL CHECK (channel IN ('room', 'online')),
				answer text NOT NULL,
				status text NOT NULL CHECK (status IN ('pending', 'approved', 'hidden')),
				created_at bigint NOT NULL,
				updated_at bigint NOT NULL,
				UNIQUE (poll_id, participant_id))`,
			`CREATE TABLE idempotency_keys (
				participant_id text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
				key text NOT NULL,
				result text NOT NULL,
				created_at bigint NOT NULL,
				PRIMARY KEY (participant_id, key))`
		]
	},
	{
		// P4 in the database, not only in code: two opens at the same moment cannot both win.
		id: '0003_one_open_poll',
		statements: [`CREATE UNIQUE INDEX polls_one_open ON polls(session_id) WHERE state = 'open'`]
	},
	{
		id: '0004_qa',
		statements: [
			`ALTER TABLE event_sessions ADD COLUMN qa_enabled integer NOT NULL DEFAULT 1`,
			`ALTER TABLE event_sessions ADD COLUMN qa_moderation text NOT NULL DEFAULT 'post' CHECK (qa_moderation IN ('post', 'pre'))`,
			// null: the shipped German and English defaults (qa/word-list.ts).
			`ALTER TABLE events ADD COLUMN qa_words text`,
			`CREATE TABLE questions (
				id text PRIMARY KEY,
				session_id text NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				participant_id text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
				channel text NOT NULL CHECK (channel IN ('room', 'online')),
				text text NOT NULL,
				name text,
				status text NOT NULL CHECK (status IN ('pending', 'approved', 'answered', 'hidden')),
				hide_reason text CHECK (hide_reason IN ('off_topic', 'duplicate', 'offensive', 'personal_data', 'other')),
				flagged integer NOT NULL,
				pinned integer NOT NULL,
				reply text,
				upvotes integer NOT NULL,
				edited integer NOT NULL,
				created_at bigint NOT NULL,
				updated_at bigint NOT NULL,
				answered_at bigint)`,
			`CREATE INDEX questions_session ON questions(session_id, status)`,
			`CREATE INDEX questions_participant ON questions(participant_id)`,
			`CREATE TABLE question_upvotes (
				question_id text NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
				participant_id text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
				session_id text NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
				created_at bigint NOT NULL,
				PRIMARY KEY (question_id, participant_id))`,
			`CREATE INDEX question_upvotes_participant ON question_upvotes(participant_id, session_id)`
		]
	},
	{
		id: '0005_boards',
		statements: [
			`CREATE TABLE boards (
				id text PRIMARY KEY,
				event_id text NOT NULL REFERENCES events(id) ON DELETE CASCADE,
				title text NOT NULL,
				mode text NOT NULL CHECK (mode IN ('fcfs', 'lottery')),
				state text NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
				lottery_deadline bigint,
				seed text NOT NULL,
				seed_hash text NOT NULL,
				drawn_at bigint,
				draw_summary text,
				created_at bigint NOT NULL,
				updated_at bigint NOT NULL)`,
			`CREATE INDEX boards_event ON boards(event_id)`,
			// confirmed: the confirmed seats, moved only by a conditional update (B1); queue_seq numbers the waitlist.
			`CREATE TABLE board_workshops (
				session_id text PRIMARY KEY REFERENCES event_sessions(id) ON DELETE CASCADE,
				board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
				capacity integer NOT NULL CHECK (capacity >= 0),
				confirmed integer NOT NULL CHECK (confirmed >= 0),
				queue_seq integer NOT NULL,
				description text NOT NULL,
				position integer NOT NULL)`,
			`CREATE INDEX board_workshops_board ON board_workshops(board_id, position)`,
			`CREATE TABLE seats (
				board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
				participant_id text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
				session_id text NOT NULL REFERENCES board_workshops(session_id) ON DELETE CASCADE,
				status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
				queue_no integer NOT NULL,
				drawn_rank integer,
				created_at bigint NOT NULL,
				confirmed_at bigint,
				PRIMARY KEY (board_id, participant_id))`,
			`CREATE INDEX seats_session ON seats(session_id, status, queue_no)`,
			`CREATE TABLE lottery_entries (
				board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
				participant_id text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
				choices text NOT NULL,
				drawn_session_id text,
				drawn_rank integer,
				created_at bigint NOT NULL,
				updated_at bigint NOT NULL,
				PRIMARY KEY (board_id, participant_id))`,
			// A workshop lead's report-back for the closing plenary (B10).
			`CREATE TABLE report_backs (
				session_id text PRIMARY KEY REFERENCES event_sessions(id) ON DELETE CASCADE,
				summary text NOT NULL,
				question_ids text NOT NULL,
				poll_ids text NOT NULL,
				updated_at bigint NOT NULL)`
		]
	}
];
