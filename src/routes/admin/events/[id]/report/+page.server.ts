import type { PageServerLoad } from './$types';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { requireAccess } from '#lib/server/access/service.ts';
import { eventReport } from '#lib/server/reports/event-report.ts';

/**
 * The printable report of an event (`/report`) or of one session (`?session=<id>`), for the
 * organiser's documentation. The whole event: owners and moderators; one session: also its
 * workshop lead (session:moderate).
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const d = deps();
	const sessionId = url.searchParams.get('session');
	await orError(requireAccess(user.id, params.id, 'session:moderate', d, sessionId ?? undefined));
	const report = await orError(eventReport(params.id, sessionId, d));
	return { report, scope: sessionId ? ('session' as const) : ('event' as const) };
};
