import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import type { EventRole } from '../access/policy.ts';
import type { EventInput, Locale, SessionInput, SessionKind } from '../../shared/events.ts';
import { drawFreeJoinCode } from './join-codes.ts';

export interface EventRecord {
	id: string;
	title: string;
	startsOn: string;
	endsOn: string;
	timeZone: string;
	defaultLocale: Locale;
	retentionOn: string;
	joinCode: string;
}
export interface SessionRecord {
	id: string;
	eventId: string;
	kind: SessionKind;
	title: string;
	startsAt: string;
	endsAt: string;
	room: string;
	livestreamUrl: string | null;
	position: number;
	joinCode: string;
}

type EventRow = {
	id: string;
	title: string;
	starts_on: string;
	ends_on: string;
	time_zone: string;
	default_locale: string;
	retention_on: string;
	join_code: string;
};
type SessionRow = {
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
};

export const toEvent = (r: EventRow): EventRecord => ({
	id: r.id,
	title: r.title,
	startsOn: r.starts_on,
	endsOn: r.ends_on,
	timeZone: r.time_zone,
	defaultLocale: r.default_locale as Locale,
	retentionOn: r.retention_on,
	joinCode: r.join_code
});
export const toSession = (r: SessionRow): SessionRecord => ({
	id: r.id,
	eventId: r.event_id,
	kind: r.kind as SessionKind,
	title: r.title,
	startsAt: r.starts_at,
	endsAt: r.ends_at,
	room: r.room,
	livestreamUrl: r.livestream_url,
	position: Number(r.position),
	joinCode: r.join_code
});

/** The columns an event's input sets, shared by create and update. */
const eventColumns = (e: EventInput) => ({
	title: e.title,
	starts_on: e.startsOn,
	ends_on: e.endsOn,
	time_zone: e.timeZone,
	default_locale: e.defaultLocale,
	retention_on: e.retentionOn
});

/** The columns a session's input sets, shared by create and update. */
const sessionColumns = (s: SessionInput) => ({
	kind: s.kind,
	title: s.title,
	starts_at: s.startsAt,
	ends_at: s.endsAt,
	room: s.room,
	livestream_url: s.livestreamUrl
});

/** Only an administrator (the first account) creates events; the creator becomes their owner (AC1). */
export async function createEvent(input: EventInput, actor: { userId: string; isAdmin: boolean }, deps: Pick<Deps, 'db' | 'clock'>): Promise<EventRecord> {
	if (!actor.isAdmin) throw new AppError('forbidden', 'only an administrator may create events');
	const now = deps.clock.now();
	return deps.db.transaction().execute(async (trx) => {
		const id = newId();
		const code = await drawFreeJoinCode(trx);
		const row = { id, ...eventColumns(input), join_code: code, created_by: actor.userId, created_at: now, updated_at: now };
		await trx.insertInto('events').values(row).execute();
		await trx.insertInto('join_codes').values({ code, event_id: id, session_id: null }).execute();
		await trx.insertInto('memberships').values({ event_id: id, user_id: actor.userId, role: 'owner', created_at: now }).execute();
		return toEvent(row);
	});
}

export async function updateEvent(eventId: string, input: EventInput, userId: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<EventRecord> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	await deps.db
		.updateTable('events')
		.set({ ...eventColumns(input), updated_at: deps.clock.now() })
		.where('id', '=', eventId)
		.execute();
	return getEvent(eventId, deps);
}

export async function deleteEvent(eventId: string, userId: string, deps: Pick<Deps, 'db' | 'publisher'>): Promise<void> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	// ON DELETE CASCADE removes sessions, codes, memberships, invites, participants, stage states.
	await deps.db.deleteFrom('events').where('id', '=', eventId).execute();
	deps.publisher.eventDeleted(eventId);
}

export async function getEvent(eventId: string, deps: Pick<Deps, 'db'>): Promise<EventRecord> {
	const row = await deps.db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
	if (!row) throw new AppError('not_found', 'event not found');
	return toEvent(row);
}

export async function listEventsForUser(userId: string, deps: Pick<Deps, 'db'>): Promise<(EventRecord & { role: EventRole })[]> {
	const rows = await deps.db
		.selectFrom('events')
		.innerJoin('memberships', 'memberships.event_id', 'events.id')
		.selectAll('events')
		.select('memberships.role')
		.where('memberships.user_id', '=', userId)
		.orderBy('events.starts_on', 'desc')
		.execute();
	return rows.map((r) => ({ ...toEvent(r), role: r.role as EventRole }));
}

export async function listSessions(eventId: string, deps: Pick<Deps, 'db'>): Promise<SessionRecord[]> {
	const rows = await deps.db.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('starts_at').execute();
	return rows.map(toSession);
}

export async function getSession(sessionId: string, deps: Pick<Deps, 'db'>): Promise<SessionRecord> {
	const row = await deps.db.selectFrom('event_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
	if (!row) throw new AppError('not_found', 'session not found');
	return toSession(row);
}

export async function createSession(eventId: string, input: SessionInput, userId: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<SessionRecord> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	const now = deps.clock.now();
	return deps.db.transaction().execute(async (trx) => {
		const last = await trx
			.selectFrom('event_sessions')
			.select((eb) => eb.fn.max('position').as('max'))
			.where('event_id', '=', eventId)
			.executeTakeFirst();
		const id = newId();
		const position = Number(last?.max ?? 0) + 1;
		const code = await drawFreeJoinCode(trx);
		await trx
			.insertInto('event_sessions')
			.values({
				id,
				event_id: eventId,
				...sessionColumns(input),
				position,
				join_code: code,
				stage_key: 1,
				created_at: now,
				updated_at: now
			})
			.execute();
		await trx.insertInto('join_codes').values({ code, event_id: eventId, session_id: id }).execute();
		const row = await trx.selectFrom('event_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		return toSession(row);
	});
}

export async function updateSession(sessionId: string, input: SessionInput, userId: string, deps: Pick<Deps, 'db' | 'clock'>): Promise<SessionRecord> {
	const s = await getSession(sessionId, deps);
	await requireAccess(userId, s.eventId, 'event:manage', deps);
	await deps.db
		.updateTable('event_sessions')
		.set({ ...sessionColumns(input), updated_at: deps.clock.now() })
		.where('id', '=', sessionId)
		.execute();
	return getSession(sessionId, deps);
}

export async function deleteSession(sessionId: string, userId: string, deps: Pick<Deps, 'db'>): Promise<void> {
	const s = await getSession(sessionId, deps);
	await requireAccess(userId, s.eventId, 'event:manage', deps);
	await deps.db.deleteFrom('event_sessions').where('id', '=', sessionId).execute();
}

/** Moves a session one place up or down in the agenda by swapping positions in one transaction. */
export async function moveSession(sessionId: string, direction: 'up' | 'down', userId: string, deps: Pick<Deps, 'db'>): Promise<SessionRecord[]> {
	const s = await getSession(sessionId, deps);
	await requireAccess(userId, s.eventId, 'event:manage', deps);
	await deps.db.transaction().execute(async (trx) => {
		const all = (await trx.selectFrom('event_sessions').select(['id', 'position']).where('event_id', '=', s.eventId).orderBy('position').execute()).map(
			(r) => r.id
		);
		const i = all.indexOf(sessionId);
		const j = direction === 'up' ? i - 1 : i + 1;
		if (i < 0 || j < 0 || j >= all.length) return;
		[all[i], all[j]] = [all[j]!, all[i]!];
		// Renumber densely 1..n so positions never drift or collide after deletes.
		for (let k = 0; k < all.length; k++)
			await trx
				.updateTable('event_sessions')
				.set({ position: k + 1 })
				.where('id', '=', all[k]!)
				.execute();
	});
	return listSessions(s.eventId, deps);
}

/** Sets the agenda order from a full list of the event's session ids (used by the JSON API). */
export async function reorderSessions(eventId: string, orderedIds: string[], userId: string, deps: Pick<Deps, 'db'>): Promise<SessionRecord[]> {
	await requireAccess(userId, eventId, 'event:manage', deps);
	await deps.db.transaction().execute(async (trx) => {
		const current = (await trx.selectFrom('event_sessions').select('id').where('event_id', '=', eventId).execute()).map((r) => r.id);
		if (current.length !== orderedIds.length || new Set(orderedIds).size !== orderedIds.length || !orderedIds.every((id) => current.includes(id)))
			throw new AppError('invalid_payload', 'the order must list every session of the event exactly once');
		for (let k = 0; k < orderedIds.length; k++)
			await trx
				.updateTable('event_sessions')
				.set({ position: k + 1 })
				.where('id', '=', orderedIds[k]!)
				.execute();
	});
	return listSessions(eventId, deps);
}
