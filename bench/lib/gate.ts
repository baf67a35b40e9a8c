import type { ScenarioResult } from './report.ts';

/**
 * The CI gate of `npm run bench -- --quick`: one hard rule (zero oversold seats, no seat invariant
 * broken) and generous regression bounds — several times the targets, because CI shares a
 * two-core machine and a quick run is short. It catches a change that makes Plenum several times
 * slower or breaks delivery, not a few percent. A run whose load generator was the bottleneck is
 * invalid: its speed figures are not judged (correctness ones still are).
 */
export interface GateFailure {
	scenario: string;
	rule: string;
	value: number | string | null;
}

const GENEROUS = {
	ackP99Ms: 500,
	broadcastP99Ms: 2000,
	usPerRecipientRatio: 3,
	heapPerConnRatio: 4,
	delivery: 0.99,
	reconnect99Ms: 30_000,
	connectP99Ms: 2000
};

export function gate(results: ScenarioResult[]): GateFailure[] {
	const out: GateFailure[] = [];
	const fail = (scenario: string, rule: string, value: number | string | null) => out.push({ scenario, rule, value });
	for (const r of results) {
		for (const [k, v] of Object.entries(r.figures)) {
			if (/_oversold$/.test(k) && v !== 0) fail(r.id, 'zero oversold seats (hard gate)', v);
			if (/_violations$/.test(k) && v !== 0) fail(r.id, 'no seat invariant broken, every ack as stored (hard gate)', v);
			if (/^connect_failures/.test(k) && typeof v === 'number' && v > 0) fail(r.id, 'no failed connection', v);
		}
		const app = r.app;
		if (app) {
			const failed = r.runs.filter((m) => m.target === 'plenum').reduce((n, m) => n + m.failedAcks, 0);
			if (failed > 0) fail(r.id, 'every vote acknowledged', failed);
			// Low delivery marks a run invalid (the generator may have fallen behind) — unless the
			// same generator delivered the baseline's messages in full: then Plenum lost them.
			if (app.deliveryRatio < GENEROUS.delivery && (r.baseline?.deliveryRatio ?? 0) >= GENEROUS.delivery)
				fail(r.id, `delivery ≥ ${GENEROUS.delivery} (the baseline's was)`, app.deliveryRatio);
		}
		if (!r.valid) continue;
		if (app) {
			if (app.ackP99 > GENEROUS.ackP99Ms) fail(r.id, `ack p99 ≤ ${GENEROUS.ackP99Ms} ms`, app.ackP99);
			if (app.broadcastP99 > GENEROUS.broadcastP99Ms) fail(r.id, `broadcast p99 ≤ ${GENEROUS.broadcastP99Ms} ms`, app.broadcastP99);
		}
		if (r.ratios.us_per_recipient !== null && r.ratios.us_per_recipient > GENEROUS.usPerRecipientRatio)
			fail(r.id, `µs per recipient ≤ ${GENEROUS.usPerRecipientRatio} × baseline`, r.ratios.us_per_recipient);
		if (r.ratios.heap_per_conn !== null && r.ratios.heap_per_conn > GENEROUS.heapPerConnRatio)
			fail(r.id, `heap per connection ≤ ${GENEROUS.heapPerConnRatio} × baseline`, r.ratios.heap_per_conn);
		if ('plenum_reconnect_99_ms' in r.figures) {
			// Missing (null): 99% never came back, or the drop was never seen.
			const reconnect = r.figures.plenum_reconnect_99_ms;
			if (typeof reconnect !== 'number' || reconnect > GENEROUS.reconnect99Ms) fail(r.id, `99% reconnected within ${GENEROUS.reconnect99Ms} ms`, reconnect);
		}
		const remote = r.figures.remote_vote_to_phone_p99_ms;
		if (typeof remote === 'number' && remote > GENEROUS.broadcastP99Ms)
			fail(r.id, `vote → phone on the other process p99 ≤ ${GENEROUS.broadcastP99Ms} ms`, remote);
		const connect = r.figures.plenum_connect_p99_ms;
		if (typeof connect === 'number' && connect > GENEROUS.connectP99Ms) fail(r.id, `connect p99 ≤ ${GENEROUS.connectP99Ms} ms`, connect);
	}
	return out;
}
