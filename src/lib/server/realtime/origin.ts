/**
 * SvelteKit's CSRF check does not cover WebSockets or Socket.IO's polling requests, so the
 * handshake checks Origin itself (RT1). Browsers send Origin on every cross-origin request and
 * on every WebSocket; a request without one comes from a same-origin GET or a non-browser
 * client, which carries no victim's cookies. `null` (sandboxed frames, file://) is refused.
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
	if (origin === undefined) return true;
	return allowed.includes(origin);
}
