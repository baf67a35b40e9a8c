import type { PageServerLoad } from './$types';
import { requireAccess } from '#lib/server/access/service.ts';
import { getEvent, listSessions } from '#lib/server/events/service.ts';
import { listInvites, listMembers } from '#lib/server/invites/service.ts';
import { joinUrls } from '#lib/server/qr/service.ts';
import { stageTokenFor } from '#lib/server/stage/service.ts';
import { getWordList } from '#lib/server/qa/settings.ts';
import { ARCHIVE_TABLES } from '#lib/server/exports/event-archive.ts';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { agendaActions } from './agenda-actions.ts';
import { eventActions } from './event-actions.ts';
import { teamActions } from './team-actions.ts';
import { qaWordActions } from './qa-word-actions.ts';

/**
 * The event page for every staff role. What reaches the browser depends on the role: a
 * workshop lead gets only their own sessions and stage links, and only an owner gets the team
 * (names, emails, invites). The actions check rights again in the domain functions.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const d = deps();
	const access = await orError(requireAccess(user.id, params.id, 'event:view', d));
	const event = await orError(getEvent(params.id, d));
	const all = await listSessions(event.id, d);
	const visible = access.role === 'workshop_lead' ? all.filter((s) => access.sessionIds.includes(s.id)) : all;
	const sessions = await Promise.all(visible.map(async (s) => ({ ...s, stageUrl: `${d.publicOrigin}/stage/${s.id}/${await stageTokenFor(s.id, d)}` })));
	const isOwner = access.role === 'owner';
	const now = d.clock.now();
	const team = isOwner
		? {
				invites: (await listInvites(event.id, user.id, d)).map((inv) => ({
					id: inv.id,
					role: inv.role,
					sessionIds: inv.sessionIds,
					expiresAt: inv.expiresAt,
					status: inv.usedAt !== null ? ('used' as const) : inv.expiresAt <= now ? ('expired' as const) : ('open' as const)
				})),
				members: await listMembers(event.id, user.id, d)
			}
		: null;
	return {
		event,
		role: access.role,
		userId: user.id,
		sessions,
		// Session titles for the team lists; an owner sees every session anyway.
		sessionTitles: isOwner ? Object.fromEntries(all.map((s) => [s.id, s.title])) : {},
		joinUrls: joinUrls(d.publicOrigin, event.joinCode),
		team,
		// Everything the event holds, as JSON or one CSV per table (G3): the owner only.
		archiveTables: isOwner ? [...Object.keys(ARCHIVE_TABLES), 'team'] : [],
		// The word filter for questions (Q6): owners and moderators, not workshop leads.
		qaWords: access.role === 'workshop_lead' ? null : await getWordList(event.id, d)
	};
};

export const actions = { ...eventActions, ...agendaActions, ...teamActions, ...qaWordActions };
