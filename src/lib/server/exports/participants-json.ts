import type { EventRecord } from '../events/service.ts';
import type { ExportedParticipant, WorkshopList } from './participants-collect.ts';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const PARTICIPANTS_FORMAT_VERSION = 1;

export interface ParticipantsJsonDocument {
	format: 'plenum-participants';
	version: number;
	exportedAt: string;
	event: { id: string; title: string; timeZone: string };
	/** Times are wall-clock 'YYYY-MM-DDTHH:MM' in the event's time zone, as on the agenda. */
	workshop: { id: string; title: string; room: string; startsAt: string; endsAt: string; capacity: number; board: string };
	/** Confirmed first, in sign-up order, then the waitlist by position. */
	participants: ExportedParticipant[];
}

/** The JSON export of one workshop's participants (B10). */
export function participantsJsonDocument(
	event: Pick<EventRecord, 'id' | 'title' | 'timeZone'>,
	list: Pick<WorkshopList, 'board' | 'workshop'>,
	participants: readonly ExportedParticipant[],
	exportedAt: number
): ParticipantsJsonDocument {
	const w = list.workshop;
	return {
		format: 'plenum-participants',
		version: PARTICIPANTS_FORMAT_VERSION,
		exportedAt: new Date(exportedAt).toISOString(),
		event: { id: event.id, title: event.title, timeZone: event.timeZone },
		workshop: { id: w.sessionId, title: w.title, room: w.room, startsAt: w.startsAt, endsAt: w.endsAt, capacity: w.capacity, board: list.board.title },
		participants: [...participants]
	};
}
