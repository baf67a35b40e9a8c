import { getEvent } from '#lib/server/events/service.ts';
import { fileSlug } from '#lib/server/exports/download.ts';
import { deps } from '#lib/server/web/guard.ts';

/** `plenum-archive-<event>.json`, `plenum-archive-<event>-<table>.csv`; called after the access check. */
export async function archiveFileName(eventId: string, part: string): Promise<string> {
	const event = await getEvent(eventId, deps());
	return part === 'json' ? `plenum-archive-${fileSlug(event.title)}.json` : `plenum-archive-${fileSlug(event.title)}-${fileSlug(part)}.csv`;
}
