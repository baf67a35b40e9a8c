import type { Deps } from '../deps.ts';
import type { EventRecord, SessionRecord } from '../events/service.ts';
import { csvOptionsFrom } from './csv.ts';
import { fileSlug, type ExportFormat } from './download.ts';
import { exportedParticipants, workshopList } from './participants-collect.ts';
import { participantsCsv } from './participants-csv.ts';
import { participantsJsonDocument } from './participants-json.ts';

/** `plenum-participants-<event>-<workshop>.<ext>`, plain ASCII like the other exports. */
export function participantsFileName(event: Pick<EventRecord, 'title'>, session: Pick<SessionRecord, 'title'>, ext: ExportFormat): string {
	return `${['plenum-participants', fileSlug(event.title), fileSlug(session.title)].filter(Boolean).join('-')}.${ext}`;
}

/**
 * The participant list of one workshop as a download (B10), for its lead, at any time. The caller
 * has checked `session:moderate` for this session. CSV: `?delimiter=semicolon`, read before
 * anything is loaded. Names are personal data: no shared cache keeps the file.
 */
export async function participantsExportResponse(
	event: Pick<EventRecord, 'id' | 'title' | 'timeZone'>,
	session: Pick<SessionRecord, 'id' | 'title'>,
	format: ExportFormat,
	params: URLSearchParams,
	deps: Pick<Deps, 'db' | 'clock'>
): Promise<Response> {
	const options = format === 'csv' ? csvOptionsFrom(params) : null;
	const list = await workshopList(session.id, deps);
	const rows = exportedParticipants(list);
	const body = options ? participantsCsv(rows, options) : JSON.stringify(participantsJsonDocument(event, list, rows, deps.clock.now()), null, 2) + '\n';
	return new Response(body, {
		headers: {
			'content-type': options ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${participantsFileName(event, session, format)}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
