/**
 * Keeps a projector's screen from dimming while the stage page is shown (Screen Wake Lock API,
 * where the browser has it). The lock is dropped whenever the tab is hidden, so it is taken
 * again on return. Returns a function that releases it for good.
 */
export function keepScreenAwake(): () => void {
	const wl = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
	if (!wl) return () => {};
	let sentinel: { release(): Promise<void> } | null = null;
	let stopped = false;
	const acquire = () => {
		if (stopped || document.visibilityState !== 'visible') return;
		wl.request('screen').then(
			(s) => {
				if (stopped) void s.release().catch(() => {});
				else sentinel = s;
			},
			() => {} // refused (battery saver, no user gesture yet): the screen may dim, nothing breaks
		);
	};
	acquire();
	document.addEventListener('visibilitychange', acquire);
	return () => {
		stopped = true;
		document.removeEventListener('visibilitychange', acquire);
		void sentinel?.release().catch(() => {});
	};
}
