import { error, redirect, type Cookies } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { deps } from '#lib/server/web/guard.ts';
import { resolveJoinCode } from '#lib/server/events/join-codes.ts';
import { getEvent, getSession, type EventRecord, type SessionRecord } from '#lib/server/events/service.ts';
import { participantByToken, participantCookieName, type Participant } from '#lib/server/participants/service.ts';
import { isJoinCode, normalizeJoinCode } from '#lib/shared/join-code.ts';

/*
 * Server helpers shared by the audience routes (/r, /o join pages and the /e pages). They live
 * here rather than in src/lib/server because they speak HTTP (404 pages, redirects, cookies).
 */

export interface CodeTarget {
	code: string;
	event: EventRecord;
	session: SessionRecord | null;
}

/**
 * Resolves a join code from a URL. A code typed in another form ("abc-def") is redirected to its
 * canonical spelling under the same path prefix, so shared links and the address bar agree.
 */
export async function resolveCodeOr404(param: string, prefix: '/r' | '/o' | '/e', rest = ''): Promise<CodeTarget> {
	const code = normalizeJoinCode(param);
	if (!isJoinCode(code)) error(404, m.aud_code_unknown(), { code: 'unknown_code' });
	const hit = await resolveJoinCode(deps().db, code);
	if (!hit) error(404, m.aud_code_unknown(), { code: 'unknown_code' });
	if (code !== param) redirect(308, `${prefix}/${code}${rest}`);
	const event = await getEvent(hit.eventId, deps());
	const session = hit.sessionId ? await getSession(hit.sessionId, deps()) : null;
	return { code, event, session };
}

/** The participant this browser is for this event, or null (no cookie, unknown, other event). */
export async function currentParticipant(cookies: Cookies, eventId: string): Promise<Participant | null> {
	const token = cookies.get(participantCookieName(eventId));
	return token ? participantByToken(token, eventId, deps()) : null;
}

/** Where a participant lands: the session page for a session's code, else the event agenda. */
export function participantHome(event: EventRecord, session: SessionRecord | null): string {
	return session ? `/e/${event.joinCode}/s/${session.id}` : `/e/${event.joinCode}`;
}
