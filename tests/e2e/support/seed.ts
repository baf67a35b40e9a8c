/** Seeding what an end-to-end test needs through the domain, into a running server's own data. */
import type { PlenumProcess } from '../../support/plenum-process.ts';
import { readConfig } from '../../../src/lib/server/config.ts';
import { createApp } from '../../../src/lib/server/app.ts';
import { createEvent, createSession, type EventRecord } from '../../../src/lib/server/events/service.ts';
import { addWorkshop, createBoard, setBoardState } from '../../../src/lib/server/boards/board.ts';
import type { Deps } from '../../../src/lib/server/deps.ts';
import { berlin } from './flows.ts';

/** Opens the server's data (its SQLite file) beside it, runs `fn` as the owner account `ownerEmail`, and closes it again. */
export async function seedAsOwner<T>(server: PlenumProcess, ownerEmail: string, fn: (d: Deps, ownerId: string) => Promise<T>): Promise<T> {
	const app = await createApp(readConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: server.origin }));
	try {
		const owner = await app.deps.db.selectFrom('users').select('id').where('email', '=', ownerEmail).executeTakeFirstOrThrow();
		return await fn(app.deps, owner.id);
	} finally {
		await app.close();
	}
}

/** A one-day event today (Berlin time), kept until 2099. */
export function todayEvent(d: Deps, ownerId: string, title: string, defaultLocale: 'de' | 'en'): Promise<EventRecord> {
	const today = berlin().slice(0, 10);
	return createEvent(
		{ title, startsOn: today, endsOn: today, timeZone: 'Europe/Berlin', defaultLocale, retentionOn: '2099-12-31' },
		{ userId: ownerId, isAdmin: true },
		d
	);
}

/** An open first-come board with one workshop per title, from 90 to 180 minutes from now; returns the board's id. */
export async function openWorkshopBoard(d: Deps, ownerId: string, eventId: string, title: string, workshops: string[], capacity: number): Promise<string> {
	const board = await createBoard(eventId, { title, mode: 'fcfs', lotteryDeadline: null }, ownerId, d);
	for (const t of workshops) {
		const w = await createSession(
			eventId,
			{ kind: 'workshop', title: t, startsAt: berlin(90), endsAt: berlin(180), room: 'Raum 2', livestreamUrl: null },
			ownerId,
			d
		);
		await addWorkshop(board.id, { sessionId: w.id, capacity, description: '' }, ownerId, d);
	}
	await setBoardState(board.id, 'open', ownerId, d);
	return board.id;
}
