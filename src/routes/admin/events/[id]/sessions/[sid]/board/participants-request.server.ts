import type { RequestEvent } from '@sveltejs/kit';
import { orError } from '#lib/server/web/guard.ts';
import { getEvent } from '#lib/server/events/service.ts';
import type { ExportFormat } from '#lib/server/exports/download.ts';
import { participantsExportResponse } from '#lib/server/exports/participants-download.ts';
import { moderation } from '../moderation.ts';

/**
 * `participants.csv` / `participants.json` of one workshop (B10), at any time: needs a login
 * and `session:moderate` for this session (its lead, the event's moderators and owner); a
 * session of another event, or no role in the event, is not found. CSV also
 * `?delimiter=semicolon`.
 */
export async function participantsDownload(
	event: Pick<RequestEvent<{ id: string; sid: string }>, 'locals' | 'url' | 'params'>,
	format: ExportFormat
): Promise<Response> {
	const { d, session } = await moderation(event);
	const ev = await orError(getEvent(session.eventId, d));
	return orError(participantsExportResponse(ev, session, format, event.url.searchParams, d));
}
