import { readConfig } from '../../src/lib/server/config.ts';
import { createApp } from '../../src/lib/server/app.ts';
import { createOwner } from '../../src/lib/server/auth/service.ts';
import { createEvent, createSession } from '../../src/lib/server/events/service.ts';
import { joinEvent, participantCookieName } from '../../src/lib/server/participants/service.ts';
import { createPoll, openPoll } from '../../src/lib/server/polls/service.ts';

export interface PlenumScene {
	eventId: string;
	sessionId: string;
	/** One open single-choice poll per scenario step that needs a fresh one. */
	pollIds: string[];
	/** `Cookie` header values, one per simulated phone. */
	cookies: string[];
}

/**
 * Writes what a benchmark run needs into Plenum's SQLite file before the server starts: an event,
 * a plenary session, `polls` open single-choice polls (4 options, live results) and `phones`
 * participants with their cookies. Seeding through the domain keeps the data realistic.
 */
export async function seedPlenum(dataDir: string, phones: number, polls: number): Promise<PlenumScene> {
	const app = await createApp(readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
	const d = app.deps;
	const owner = await createOwner({ email: 'bench@x.de', name: 'B', password: 'bench password 1' }, d);
	const ev = await createEvent(
		{ title: 'Bench', startsOn: '2026-05-04', endsOn: '2026-05-04', timeZone: 'Europe/Berlin', defaultLocale: 'de', retentionOn: '2026-06-01' },
		{ userId: owner.id, isAdmin: true },
		d
	);
	const ses = await createSession(
		ev.id,
		{ kind: 'plenary', title: 'K', startsAt: '2026-05-04T09:00', endsAt: '2026-05-04T10:00', room: '', livestreamUrl: null },
		owner.id,
		d
	);
	const pollIds: string[] = [];
	for (let i = 0; i < polls; i++) {
		const p = await createPoll(
			ses.id,
			{ kind: 'single', question: `Q${i}`, options: ['A', 'B', 'C', 'D'], allowChange: true, resultsVisibility: 'live', showNames: false },
			owner.id,
			d
		);
		pollIds.push(p.id);
	}
	const cookies: string[] = [];
	for (let i = 0; i < phones; i++)
		cookies.push(`${participantCookieName(ev.id)}=${(await joinEvent({ eventId: ev.id, via: i % 3 ? 'room' : 'online' }, d)).token}`);
	// Only one poll may be open in a session: the first one now; a scenario opens the next through the domain between steps.
	if (pollIds[0]) await openPoll(pollIds[0], owner.id, d);
	await app.close();
	return { eventId: ev.id, sessionId: ses.id, pollIds, cookies };
}
