import { onMount } from 'svelte';

/**
 * `current` turns true once the component runs in the browser. Until then (server rendering,
 * or no JavaScript at all) a component shows its script-free fallback: the options textarea,
 * every kind's settings, no live-only buttons. Call during component initialisation.
 */
export function scripted(): { readonly current: boolean } {
	let on = $state(false);
	onMount(() => {
		on = true;
	});
	return {
		get current() {
			return on;
		}
	};
}
