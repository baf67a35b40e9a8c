import type { PlenumProcess } from './plenum-process.ts';

/** One answer of one process: when it came (performance.now()), which process (index), the HTTP status (0: no answer) and why not. */
export interface EndpointSample {
	t: number;
	node: number;
	status: number;
	error?: string;
}

/**
 * Asks every process's `path` (/readyz, /healthz) every `everyMs` until stopped, all processes at
 * once, each answer within `timeoutMs` or recorded as status 0. The fault tests read from the
 * samples when a process stopped being ready and whether it answered all along. Call `stop()` in
 * afterAll too, so an assertion that ends the test early leaves no loop running.
 */
export function sampleEndpoint(
	nodes: PlenumProcess[],
	path: string,
	opts: { everyMs: number; timeoutMs: number }
): { samples: EndpointSample[]; stop(): Promise<void> } {
	const samples: EndpointSample[] = [];
	let running = true;
	const loop = (async () => {
		while (running) {
			await Promise.all(
				nodes.map(async (n, node) => {
					try {
						const status = (await fetch(`${n.origin}${path}`, { signal: AbortSignal.timeout(opts.timeoutMs) })).status;
						samples.push({ t: performance.now(), node, status });
					} catch (e) {
						samples.push({ t: performance.now(), node, status: 0, error: e instanceof Error ? e.message : String(e) });
					}
				})
			);
			await new Promise((r) => setTimeout(r, opts.everyMs));
		}
	})();
	return {
		samples,
		async stop() {
			running = false;
			await loop;
		}
	};
}
