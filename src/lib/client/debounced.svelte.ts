/**
 * A value that follows `get()` only once it has held still for `ms`. Live regions use it so a
 * flapping connection ("reconnecting… connected… reconnecting…") is announced once, not at every
 * blip (A2: polite and throttled). Call during component initialisation (it uses `$effect`).
 */
export function debounced<T>(get: () => T, ms: number): { readonly current: T } {
	let current = $state(get());
	$effect(() => {
		const next = get();
		if (next === current) return;
		const t = setTimeout(() => (current = next), ms);
		return () => clearTimeout(t);
	});
	return {
		get current() {
			return current;
		}
	};
}
