import type { EventRecord } from '../events/service.ts';
import type { ExportedQuestion } from './questions-collect.ts';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const QUESTIONS_FORMAT_VERSION = 1;

export interface QuestionsJsonDocument {
	format: 'plenum-questions';
	version: number;
	exportedAt: string;
	event: { id: string; title: string; timeZone: string };
	/** By session in agenda order, then oldest first. */
	questions: ExportedQuestion[];
}

/** The JSON export of questions (Q10): the same document for one session and a whole event. */
export function questionsJsonDocument(
	event: Pick<EventRecord, 'id' | 'title' | 'timeZone'>,
	questions: readonly ExportedQuestion[],
	exportedAt: number
): QuestionsJsonDocument {
	return {
		format: 'plenum-questions',
		version: QUESTIONS_FORMAT_VERSION,
		exportedAt: new Date(exportedAt).toISOString(),
		event: { id: event.id, title: event.title, timeZone: event.timeZone },
		questions: [...questions]
	};
}
