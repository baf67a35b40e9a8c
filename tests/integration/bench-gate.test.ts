/** The CI gate of the quick benchmark (bench/lib/gate.ts): hard on correctness, generous on speed. */
import { describe, expect, it } from 'vitest';
import { gate } from '../../bench/lib/gate.ts';
import { summarise, type Measured } from '../../bench/lib/report.ts';
import type { BenchStats } from '../../src/lib/server/bench-stats.ts';

const stats = (usPerRecipient: number): BenchStats => ({
	elu: 0.2,
	delayP99Ms: 12,
	delayMaxMs: 20,
	rssBytes: 1e8,
	heapUsedBytes: 5e7,
	gc: true,
	connections: 1000,
	ticks: 40,
	emitMsTotal: 40,
	emitMsPerTick: 1,
	recipients: 40_000,
	usPerRecipient
});

function run(target: Measured['target'], over: Partial<Measured> = {}): Measured {
	return {
		target,
		clients: 1000,
		ackP50: 2,
		ackP99: 20,
		broadcastP50: 30,
		broadcastP99: 90,
		deliveryRatio: 1,
		generatorBusy: 0.3,
		server: stats(1),
		heapPerConn: 10_000,
		rssPerConn: 20_000,
		sent: 600,
		failedAcks: 0,
		...over
	};
}

describe('benchmark gate', () => {
	it('passes a healthy run', () => {
		expect(gate([summarise('P2', 'steady poll', '', [run('baseline'), run('plenum'), run('plenum'), run('baseline')])])).toEqual([]);
	});

	it('fails on an oversold seat or a broken seat rule, whatever else', () => {
		const r = summarise('P5', 'seat rush', '', [], { figures: { sqlite_oversold: 1, sqlite_violations: 0 } });
		expect(gate([r])).toEqual([expect.objectContaining({ scenario: 'P5', rule: expect.stringMatching(/oversold/) })]);
		expect(gate([summarise('P5', 'seat rush', '', [], { figures: { postgres_violations: 2 } })])).toHaveLength(1);
	});

	it('fails on a lost ack or delivery, and on speed several times worse than the baseline', () => {
		expect(gate([summarise('P3', 'storm', '', [run('baseline'), run('plenum', { failedAcks: 3 })])]).map((f) => f.rule)).toEqual(['every vote acknowledged']);
		expect(gate([summarise('P3', 'storm', '', [run('baseline'), run('plenum', { deliveryRatio: 0.9 })])])).toHaveLength(1);
		expect(gate([summarise('P3', 'storm', '', [run('baseline'), run('plenum', { server: stats(3.5) })])])).toHaveLength(1);
		expect(gate([summarise('P3', 'storm', '', [run('baseline'), run('plenum', { server: stats(2.5) })])])).toEqual([]);
	});

	it('does not judge speed when the load generator was the bottleneck (the run is invalid), but still judges correctness', () => {
		const slowButInvalid = summarise('P2', 'steady', '', [run('baseline'), run('plenum', { ackP99: 5000, generatorBusy: 0.9 })]);
		expect(slowButInvalid.valid).toBe(false);
		expect(gate([slowButInvalid])).toEqual([]);
		expect(gate([summarise('P2', 'steady', '', [run('baseline'), run('plenum', { failedAcks: 1, generatorBusy: 0.9 })])])).toHaveLength(1);
	});
});
