/**
 * Where to go after logging in. Only a path on this site is accepted: `//host` and `/\host`
 * are protocol-relative URLs that browsers send to another host (an open redirect).
 */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/admin';
	// Control characters (tab, newline) are dropped by URL parsers and can turn `/\t/host` into `//host`.
	for (const ch of next) if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) return '/admin';
	if (next === '/login' || next.startsWith('/login?') || next.startsWith('/logout')) return '/admin';
	return next;
}
