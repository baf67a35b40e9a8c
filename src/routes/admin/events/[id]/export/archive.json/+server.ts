import type { RequestHandler } from './$types';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { eventArchive } from '#lib/server/exports/event-archive.ts';
import { download } from '#lib/server/exports/download.ts';
import { archiveFileName } from '../archive-name.ts';

/** Everything the event holds, as one JSON document (G3). The owner only. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const d = deps();
	const archive = await orError(eventArchive(user.id, params.id, d));
	return download(JSON.stringify(archive, null, 2) + '\n', 'application/json; charset=utf-8', await archiveFileName(params.id, 'json'));
};
