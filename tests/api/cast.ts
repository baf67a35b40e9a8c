import { createOwner, createSession as createLogin, createUser, type User } from '../../src/lib/server/auth/service.ts';
import { createApiToken } from '../../src/lib/server/api-tokens/service.ts';
import { createEvent, type EventRecord, type SessionRecord } from '../../src/lib/server/events/service.ts';
import type { EventInput } from '../../src/lib/shared/events.ts';
import { acceptInvite, createInvite } from '../../src/lib/server/invites/service.ts';
import { STAFF_COOKIE } from '../../src/lib/server/realtime/handshake.ts';
import type { Deps } from '../../src/lib/server/deps.ts';
import type { Running } from '../../src/lib/server/boot.ts';
import { startBuiltServer } from '../support/built-server.ts';
import { createPgDatabase } from '../support/databases.ts';
import { apiCaller } from './support.ts';

export const PASSWORD = 'secret-password-1';

/**
 * Who the feature API suites (polls, Q&A, boards) act as, on the built server: the owner of an
 * event, a moderator of another event only, a workshop lead of one session, and a stranger with
 * no role — each with an API token and a login cookie. With DATABASE_URL set the server runs on a
 * PostgreSQL database of its own (the first account needs an empty one), dropped by `close`.
 */
export interface ApiCast {
	running: Running & { origin: string };
	deps: Deps;
	api: ReturnType<typeof apiCaller>;
	owner: User;
	ownerToken: string;
	ownerCookie: string;
	event: EventRecord;
	leadSession: SessionRecord;
	elsewhere: EventRecord;
	elsewhereSession: SessionRecord;
	otherModeratorToken: string;
	leadToken: string;
	leadCookie: string;
	strangerToken: string;
	strangerCookie: string;
	close(): Promise<void>;
}

export async function startApiCast(
	event: EventInput,
	titles: { lead: string; elsewhere: string },
	newSession: (eventId: string, title: string, ownerId: string, deps: Deps) => Promise<SessionRecord>
): Promise<ApiCast> {
	const db = process.env.DATABASE_URL ? await createPgDatabase(process.env.DATABASE_URL) : null;
	const running = await startBuiltServer(db ? { DATABASE_URL: db.url } : {});
	const deps = running.app.deps;
	const staff = async (id: string, name: string) => ({
		token: (await createApiToken(name, id, deps)).token,
		cookie: `${STAFF_COOKIE}=${(await createLogin(id, deps)).token}`
	});
	const owner = await createOwner({ email: 'anna@example.org', name: 'Anna', password: PASSWORD }, deps);
	const ownerAuth = await staff(owner.id, 'ci');
	const ev = await createEvent(event, { userId: owner.id, isAdmin: true }, deps);
	const leadSession = await newSession(ev.id, titles.lead, owner.id, deps);
	const elsewhere = await createEvent({ ...event, title: 'Andere Tagung' }, { userId: owner.id, isAdmin: true }, deps);
	const elsewhereSession = await newSession(elsewhere.id, titles.elsewhere, owner.id, deps);

	const mo = await createUser({ email: 'mo@example.org', name: 'Mo', password: PASSWORD }, deps);
	await acceptInvite((await createInvite({ eventId: elsewhere.id, role: 'moderator', sessionIds: [] }, owner.id, deps)).token, { existingUserId: mo.id }, deps);
	const lead = await createUser({ email: 'lea@example.org', name: 'Lea', password: PASSWORD }, deps);
	await acceptInvite(
		(await createInvite({ eventId: ev.id, role: 'workshop_lead', sessionIds: [leadSession.id] }, owner.id, deps)).token,
		{ existingUserId: lead.id },
		deps
	);
	const leadAuth = await staff(lead.id, 'lead');
	const sam = await createUser({ email: 'sam@example.org', name: 'Sam', password: PASSWORD }, deps);
	const strangerAuth = await staff(sam.id, 'stranger');
	return {
		running,
		deps,
		api: apiCaller(running.origin, () => ownerAuth.token),
		owner,
		ownerToken: ownerAuth.token,
		ownerCookie: ownerAuth.cookie,
		event: ev,
		leadSession,
		elsewhere,
		elsewhereSession,
		otherModeratorToken: (await createApiToken('mo', mo.id, deps)).token,
		leadToken: leadAuth.token,
		leadCookie: leadAuth.cookie,
		strangerToken: strangerAuth.token,
		strangerCookie: strangerAuth.cookie,
		async close() {
			await running.shutdown();
			await db?.drop();
		}
	};
}
