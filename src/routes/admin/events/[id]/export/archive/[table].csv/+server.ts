import type { RequestHandler } from './$types';
import { deps, orError, requireUser } from '#lib/server/web/guard.ts';
import { eventArchiveCsv } from '#lib/server/exports/event-archive.ts';
import { csvOptionsFrom } from '#lib/server/exports/csv.ts';
import { download } from '#lib/server/exports/download.ts';
import { archiveFileName } from '../../archive-name.ts';

/** One table of the event's archive as CSV (G3), `?delimiter=semicolon` for spreadsheets set to German. The owner only. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const d = deps();
	const options = await orError(Promise.resolve().then(() => csvOptionsFrom(url.searchParams)));
	const text = await orError(eventArchiveCsv(user.id, params.id, params.table, options, d));
	return download(text, 'text/csv; charset=utf-8; header=present', await archiveFileName(params.id, params.table));
};
