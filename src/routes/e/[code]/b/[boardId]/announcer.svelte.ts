import { untrack } from 'svelte';

/** Two messages this close together are read together, not one lost. */
export const TOGETHER_MS = 1500;

/** The board page's one polite status region (role="status"): what changed, in words. */
export class Announcer {
	text = $state('');
	#saidAt = 0;

	say(text: string): void {
		// Called from effects: what was said before is read, not tracked.
		untrack(() => {
			const now = Date.now();
			const before = this.text.trim();
			const joined = now - this.#saidAt < TOGETHER_MS && before ? `${before} ${text}` : text;
			this.#saidAt = now;
			// The same words again must still be read: a trailing no-break space makes them new.
			this.text = joined === this.text ? `${joined}\u00a0` : joined;
		});
	}
}
