/**
 * Runs `run` at most once per `ms`: the first call at once, calls inside the window once at its
 * end. A rush of sign-ups (a seat tick every 500 ms, B9) then reloads a lead's list a few times,
 * not on every tick, and the last change is never lost.
 */
export function throttle(run: () => void, ms: number, now: () => number = Date.now): { call(): void; cancel(): void } {
	let last = -Infinity;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const fire = () => {
		timer = null;
		last = now();
		run();
	};
	return {
		call() {
			if (timer) return;
			const wait = last + ms - now();
			if (wait <= 0) fire();
			else timer = setTimeout(fire, wait);
		},
		cancel() {
			if (timer) clearTimeout(timer);
			timer = null;
		}
	};
}
