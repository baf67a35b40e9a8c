import type { PageServerLoad } from './$types';
import { listEventsForUser } from '#lib/server/events/service.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';

/** The events this person belongs to, with their role in each. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const events = await listEventsForUser(user.id, deps());
	return {
		isAdmin: user.isAdmin,
		events: events.map((e) => ({ id: e.id, title: e.title, startsOn: e.startsOn, endsOn: e.endsOn, role: e.role, joinCode: e.joinCode }))
	};
};
