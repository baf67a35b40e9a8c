import { csvDocument, type CsvOptions, type CsvValue } from './csv.ts';
import type { ExportedParticipant } from './participants-collect.ts';

/**
 * The CSV of a workshop's participants (B10), one row per seat or waitlist place. As in the poll
 * and question CSVs, column names are stable identifiers, not translated words, and the states
 * are the identifiers of the API (`confirmed`, `waitlisted`).
 */
export const PARTICIPANT_COLUMNS = ['workshop', 'name', 'status', 'position', 'signed_up_at'] as const;

export function participantRow(p: ExportedParticipant): CsvValue[] {
	return [p.workshop, p.name, p.status, p.position, p.signedUpAt];
}

/** Byte order mark, header, rows; every text cell neutralised against formulas (P10, csv.ts). */
export function participantsCsv(participants: readonly ExportedParticipant[], options: CsvOptions): string {
	return csvDocument(PARTICIPANT_COLUMNS, participants.map(participantRow), options);
}
