import { AppError } from '../errors.ts';
import { hashToken, newId, newToken } from '../ids.ts';
import type { Deps } from '../deps.ts';

export type Channel = 'room' | 'online';
export interface Participant {
	id: string;
	eventId: string;
	displayName: string | null;
	channel: Channel;
}
/** Display names are optional and short: enough for "Anna (Stadt Ulm)", not for a paragraph. */
export const DISPLAY_NAME_MAX = 60;

function cleanName(name: string | null | undefined): string | null {
	const n = (name ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
	if (n.length > DISPLAY_NAME_MAX) throw new AppError('invalid_payload', `a display name has at most ${DISPLAY_NAME_MAX} characters`);
	return n === '' ? null : n;
}

/**
 * Creates an anonymous participant for one event (PA1): a random token goes into the browser's
 * cookie, only its hash is stored, and nothing about the person (no IP, no user agent) is kept.
 */
export async function joinEvent(
	input: { eventId: string; via: Channel; displayName?: string | null },
	deps: Pick<Deps, 'db' | 'clock'>
): Promise<{ token: string; participant: Participant }> {
	const displayName = cleanName(input.displayName);
	const ev = await deps.db.selectFrom('events').select('id').where('id', '=', input.eventId).executeTakeFirst();
	if (!ev) throw new AppError('not_found', 'event not found');
	const token = newToken();
	const p = {
		id: newId(),
		event_id: input.eventId,
		token_hash: hashToken(token),
		display_name: displayName,
		channel: input.via,
		joined_via: input.via,
		created_at: deps.clock.now()
	};
	await deps.db.insertInto('participants').values(p).execute();
	return { token, participant: { id: p.id, eventId: p.event_id, displayName, channel: input.via } };
}

/** Resolves a participant cookie; null when unknown or for another event (S3). */
export async function participantByToken(token: string, eventId: string, deps: Pick<Deps, 'db'>): Promise<Participant | null> {
	if (!token || token.length > 100) return null;
	const r = await deps.db
		.selectFrom('participants')
		.select(['id', 'event_id', 'display_name', 'channel'])
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!r || r.event_id !== eventId) return null;
	return { id: r.id, eventId: r.event_id, displayName: r.display_name, channel: r.channel as Channel };
}

/** The participant may change their name and correct "in the room" / "online" at any time (PA2). */
export async function updateParticipant(
	participantId: string,
	patch: { displayName?: string | null; channel?: Channel },
	deps: Pick<Deps, 'db'>
): Promise<Participant> {
	const set: { display_name?: string | null; channel?: Channel } = {};
	if (patch.displayName !== undefined) set.display_name = cleanName(patch.displayName);
	if (patch.channel !== undefined) set.channel = patch.channel;
	if (Object.keys(set).length > 0) await deps.db.updateTable('participants').set(set).where('id', '=', participantId).execute();
	const r = await deps.db.selectFrom('participants').select(['id', 'event_id', 'display_name', 'channel']).where('id', '=', participantId).executeTakeFirst();
	if (!r) throw new AppError('not_found', 'participant not found');
	return { id: r.id, eventId: r.event_id, displayName: r.display_name, channel: r.channel as Channel };
}

/** Cookie name per event, so one phone can take part in two events without mixing identities. */
export function participantCookieName(eventId: string): string {
	return `plenum_p_${eventId}`;
}
