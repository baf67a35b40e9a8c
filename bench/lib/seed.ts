import { readConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { createOwner } from '../../src/lib/server/auth/service.ts';
import { createEvent, createSession } from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { createPoll, openPoll } from '../../src/lib/server/polls/service.ts';

export interface PlenumScene {
	eventId: string;
	sessionId: string;
	/** The session's open single-choice poll. */
	pollIds: string[];
	/** `Cookie` header values, one per simulated phone. */
	cookies: string[];
}

/** P7's probe corner of the event: a second session with an open poll, and two participants' cookies. */
export interface ProbeScene {
	sessionId: string;
	pollId: string;
	/** [voter, remote watcher]. */
	cookies: [string, string];
}

/**
 * Writes what a benchmark run needs before the servers start, through the domain so the data is
 * realistic: an event, a plenary session with one open single-choice poll (4 options, live
 * results) and `phones` participants with their cookies — into Plenum's SQLite file in `dataDir`
 * or into the PostgreSQL database `databaseUrl`. With `probe`, a second session with its own open
 * poll and two more participants, so P7's probe votes never mix with the load's tally.
 */
export async function seedPlenum(
	where: { dataDir: string } | { databaseUrl: string },
	phones: number,
	opts: { probe?: boolean } = {}
): Promise<PlenumScene & { probe: ProbeScene | null }> {
	const env = 'databaseUrl' in where ? { DATABASE_URL: where.databaseUrl, DATA_DIR: ':memory:' } : { DATA_DIR: where.dataDir };
	const app = await createApp(readConfig({ ...env, LOG_LEVEL: 'silent' }));
	try {
		const d = app.deps;
		const owner = await createOwner({ email: 'bench@x.de', name: 'B', password: 'bench password 1' }, d);
		const ev = await createEvent(
			{ title: 'Bench', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2099-12-31' },
			{ userId: owner.id, isAdmin: true },
			d
		);
		const session = async (title: string, startsAt: string, endsAt: string) =>
			(await createSession(ev.id, { kind: 'plenary', title, startsAt, endsAt, room: '', livestreamUrl: null }, owner.id, d)).id;
		const openSingle = async (sessionId: string, question: string) => {
			const p = await createPoll(
				sessionId,
				{ kind: 'single', question, options: ['A', 'B', 'C', 'D'], allowChange: true, resultsVisibility: 'live', showNames: false },
				owner.id,
				d
			);
			await openPoll(p.id, owner.id, d);
			return p.id;
		};
		const sessionId = await session('K', '2026-05-04T09:00', '2026-05-04T10:00');
		const pollIds = [await openSingle(sessionId, 'Q0')];
		const extra = opts.probe ? 2 : 0;
		const cookieName = participantCookieName(ev.id);
		const cookies: string[] = [];
		// 20 at a time: PostgreSQL's pool has 10 connections, SQLite takes them one by one anyway.
		for (let i = 0; i < phones + extra; i += 20) {
			const batch = Array.from({ length: Math.min(20, phones + extra - i) }, (_, j) => joinEvent({ eventId: ev.id, via: (i + j) % 3 ? 'room' : 'online' }, d));
			for (const p of await Promise.all(batch)) cookies.push(`${cookieName}=${p.token}`);
		}
		let probe: ProbeScene | null = null;
		if (opts.probe) {
			const probeSession = await session('Probe', '2026-05-04T10:00', '2026-05-04T11:00');
			probe = { sessionId: probeSession, pollId: await openSingle(probeSession, 'Probe'), cookies: cookies.splice(phones, 2) as [string, string] };
		}
		return { eventId: ev.id, sessionId, pollIds, cookies, probe };
	} finally {
		await app.close();
	}
}
