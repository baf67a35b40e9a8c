import type { Cookies } from '@sveltejs/kit';
import { STAFF_COOKIE } from '../realtime/handshake.ts';

/**
 * Staff cookie: httpOnly, SameSite=Lax, Secure behind TLS (AU5). Renewed with the session's
 * sliding expiry.
 */
export function setStaffCookie(cookies: Cookies, token: string, expiresAt: number, url: URL): void {
	cookies.set(STAFF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: new Date(expiresAt) });
}

/** Participant cookies live as long as the event's data may (retention date), at most a year. */
export function setParticipantCookie(cookies: Cookies, name: string, token: string, url: URL): void {
	cookies.set(name, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: 365 * 24 * 3600 });
}
