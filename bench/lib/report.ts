import { cpus, totalmem, release } from 'node:os';
import { readFileSync } from 'node:fs';
import type { BenchStats } from '../../src/lib/server/bench-stats.ts';
import type { Target as ServerTarget } from './servers.ts';

/** What one load step on one server measured, client side and server side. */
export interface Measured {
	target: ServerTarget;
	clients: number;
	ackP50: number;
	ackP99: number;
	broadcastP50: number;
	broadcastP99: number;
	deliveryRatio: number;
	/** The load generator's busiest worker (0–1): over 0.7 it measured itself, not the server. */
	generatorBusy: number;
	server: BenchStats;
	heapPerConn: number;
	rssPerConn: number;
	sent: number;
	failedAcks: number;
}

export interface ScenarioResult {
	id: string;
	title: string;
	load: string;
	runs: Measured[];
	app: Measured | null;
	baseline: Measured | null;
	floor: Measured | null;
	/** App ÷ baseline; the A/A spread of the baseline is the noise band. */
	ratios: Record<'us_per_recipient' | 'heap_per_conn' | 'ack_p99' | 'broadcast_p99' | 'elu', number | null>;
	noise: Record<'us_per_recipient' | 'ack_p99' | 'broadcast_p99' | 'elu', number | null>;
	valid: boolean;
	reasons: string[];
	/** Scenario-specific figures (oversold seats, reconnect times, local vs remote latency…). */
	figures: Record<string, number | string | null>;
	/** The quality.md targets this scenario checks, and whether they held. */
	targets: Target[];
}

export interface Target {
	metric: string;
	value: number | null;
	/** The bound: value must be ≤ limit (or ≥ limit when `atLeast`). */
	limit: number;
	atLeast?: boolean;
	met: boolean | null;
}

export function target(metric: string, value: number | null | undefined, limit: number, atLeast = false): Target {
	const v = value === undefined || value === null || Number.isNaN(value) ? null : value;
	return { metric, value: v, limit, atLeast, met: v === null ? null : atLeast ? v >= limit : v <= limit };
}

const version = (pkg: string) => {
	try {
		return (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;
	} catch {
		return 'missing';
	}
};

export function machine() {
	return {
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		kernel: release(),
		node: process.version,
		packages: Object.fromEntries(
			['socket.io', 'socket.io-client', 'ws', 'kysely', 'pg', 'redis', '@socket.io/redis-streams-adapter'].map((p) => [p, version(p)])
		)
	};
}

/** The mean of several runs of one server (A B B A: both runs of each count). */
export function mean(runs: Measured[]): Measured | null {
	if (runs.length === 0) return null;
	const avg = (f: (m: Measured) => number) => runs.reduce((s, m) => s + f(m), 0) / runs.length;
	const first = runs[0]!;
	return {
		...first,
		ackP50: avg((m) => m.ackP50),
		ackP99: avg((m) => m.ackP99),
		broadcastP50: avg((m) => m.broadcastP50),
		broadcastP99: avg((m) => m.broadcastP99),
		deliveryRatio: Math.min(...runs.map((m) => m.deliveryRatio)),
		generatorBusy: Math.max(...runs.map((m) => m.generatorBusy)),
		heapPerConn: avg((m) => m.heapPerConn),
		rssPerConn: avg((m) => m.rssPerConn),
		server: {
			...first.server,
			elu: avg((m) => m.server.elu),
			delayP99Ms: avg((m) => m.server.delayP99Ms),
			usPerRecipient: avg((m) => m.server.usPerRecipient),
			emitMsPerTick: avg((m) => m.server.emitMsPerTick)
		}
	};
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? null : a / b);
const spread = (xs: number[]) => (xs.length < 2 ? null : Math.abs(xs[0]! - xs[xs.length - 1]!) / ((xs[0]! + xs[xs.length - 1]!) / 2 || 1));

/** Puts the runs of one scenario together: means, ratios, noise band, validity. */
export function summarise(
	id: string,
	title: string,
	load: string,
	runs: Measured[],
	extra: { figures?: Record<string, number | string | null>; targets?: Target[]; reasons?: string[] } = {}
): ScenarioResult {
	const of = (t: ServerTarget) => runs.filter((r) => r.target === t);
	const app = mean(of('plenum'));
	const baseline = mean(of('baseline'));
	const floor = mean(of('floor'));
	const a = of('baseline');
	const reasons: string[] = [...(extra.reasons ?? [])];
	for (const r of runs) {
		if (r.generatorBusy > 0.7) reasons.push(`${r.target}: load generator ${(r.generatorBusy * 100).toFixed(0)}% busy (over 70%)`);
		if (r.deliveryRatio < 0.99) reasons.push(`${r.target}: delivery ratio ${(r.deliveryRatio * 100).toFixed(1)}% (under 99%)`);
	}
	return {
		id,
		title,
		load,
		runs,
		app,
		baseline,
		floor,
		ratios: {
			us_per_recipient: ratio(app?.server.usPerRecipient, baseline?.server.usPerRecipient),
			heap_per_conn: ratio(app?.heapPerConn, baseline?.heapPerConn),
			ack_p99: ratio(app?.ackP99, baseline?.ackP99),
			broadcast_p99: ratio(app?.broadcastP99, baseline?.broadcastP99),
			elu: ratio(app?.server.elu, baseline?.server.elu)
		},
		noise: {
			us_per_recipient: spread(a.map((m) => m.server.usPerRecipient)),
			ack_p99: spread(a.map((m) => m.ackP99)),
			broadcast_p99: spread(a.map((m) => m.broadcastP99)),
			elu: spread(a.map((m) => m.server.elu))
		},
		valid: reasons.length === 0,
		reasons,
		figures: extra.figures ?? {},
		targets: extra.targets ?? []
	};
}

const f = (x: number | null | undefined, digits = 1) =>
	x === null || x === undefined || Number.isNaN(x) ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(digits);
const kb = (x: number | undefined) => (x === undefined ? '–' : (x / 1024).toFixed(1));

/** The Markdown table of a run: absolute figures per server and the ratios side by side. */
export function markdown(run: { date: string; quick: boolean; machine: ReturnType<typeof machine>; scenarios: ScenarioResult[] }): string {
	const m = run.machine;
	const lines = [
		`# Benchmark ${run.quick ? '(quick)' : '(full)'} — ${run.date}`,
		'',
		`${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}; ${Object.entries(m.packages)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')}`,
		''
	];
	for (const s of run.scenarios) {
		lines.push(`## ${s.id} ${s.title}${s.valid ? '' : ' — INVALID'}`, '', s.load, '');
		if (!s.valid) lines.push(...s.reasons.map((r) => `- ${r}`), '');
		if (s.runs.length)
			lines.push(
				'| server | ack p50 / p99 ms | broadcast p50 / p99 ms | delivered | µs per recipient | ELU | loop delay p99 ms | heap / RSS per conn KB | generator busy |'
			);
		if (s.runs.length) lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
		for (const [name, x] of [
			['Plenum', s.app],
			['Socket.IO baseline', s.baseline],
			['raw ws floor', s.floor]
		] as const) {
			if (!x) continue;
			lines.push(
				`| ${name} | ${f(x.ackP50)} / ${f(x.ackP99)} | ${f(x.broadcastP50)} / ${f(x.broadcastP99)} | ${f(x.deliveryRatio * 100)}% | ${f(x.server.usPerRecipient, 2)} | ${f(x.server.elu, 2)} | ${f(x.server.delayP99Ms)} | ${kb(x.heapPerConn)} / ${kb(x.rssPerConn)} | ${f(x.generatorBusy * 100, 0)}% |`
			);
		}
		const figs = Object.entries(s.figures);
		if (figs.length) lines.push('', figs.map(([k, v]) => `${k}: ${typeof v === 'number' ? f(v, 1) : (v ?? '–')}`).join(' · '));
		if (s.targets.length)
			lines.push(
				'',
				'| target | value | bound | met |',
				'| --- | --- | --- | --- |',
				...s.targets.map((t) => `| ${t.metric} | ${f(t.value, 2)} | ${t.atLeast ? '≥' : '≤'} ${t.limit} | ${t.met === null ? '–' : t.met ? 'yes' : '**no**'} |`)
			);
		if (!s.app || !s.baseline) {
			lines.push('');
			continue;
		}
		lines.push(
			'',
			`Ratios (Plenum ÷ baseline): ${Object.entries(s.ratios)
				.map(([k, v]) => `${k} ${f(v, 2)}`)
				.join(', ')}. Noise band (baseline A/A spread): ${Object.entries(s.noise)
				.map(([k, v]) => `${k} ${v === null ? '–' : `${f(v * 100, 0)}%`}`)
				.join(', ')}.`,
			''
		);
	}
	return lines.join('\n');
}
