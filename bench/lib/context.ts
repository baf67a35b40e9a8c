import type { Swarm } from '../swarm/swarm.ts';
import type { ScenarioResult } from './report.ts';
import type { PlenumScene } from './seed.ts';
import type { BenchServer, Target } from './servers.ts';

/** What every scenario gets from bench/run.ts. */
export interface BenchContext {
	quick: boolean;
	/** Participants (simulated phones) per scenario: 1,000 quick, 5,000 full. */
	n: number;
	/** The core the servers run on (null on a one-core machine); the load generator has the other. */
	serverCore: number | null;
	swarm: Swarm;
	/** Plenum (built, SQLite, PLENUM_BENCH=1), the Socket.IO baseline and the ws floor, kept up all run. */
	servers: Record<Target, BenchServer>;
	/** Plenum's seeded event: n participants' cookies, one open poll. */
	scene: PlenumScene;
	dataDir: string;
	log(line: string): void;
}

export type Scenario = (ctx: BenchContext) => Promise<ScenarioResult>;
