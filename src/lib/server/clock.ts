/** Time as a dependency, so tests can move it (session expiry, invite expiry, retention). */
export interface Clock {
	now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
