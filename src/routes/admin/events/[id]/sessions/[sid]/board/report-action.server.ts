import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { HTTP_STATUS, isAppError } from '#lib/server/errors.ts';
import { saveReport } from '#lib/server/boards/report.ts';
import { reportInput } from '#lib/shared/boards.ts';
import { moderation } from '../moderation.ts';
import { boardErrorMessage } from './board-errors.ts';
import { REPORT_LIMITS, type ReportResult } from './lead-view.ts';

type Ev = RequestEvent<{ id: string; sid: string }>;

const strings = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');

/** The first thing wrong with a report-back form, in words: the text, the questions or the polls. */
function invalidMessage(path: PropertyKey | undefined): string {
	if (path === 'questionIds') return m.boardmod_report_too_many_questions({ max: REPORT_LIMITS.questions });
	if (path === 'pollIds') return m.boardmod_report_too_many_polls({ max: REPORT_LIMITS.polls });
	return m.boardmod_report_too_long({ max: REPORT_LIMITS.summaryLength });
}

/**
 * The report-back of a workshop (B10): summary, picked questions and poll results, saved by its
 * lead (or the event's moderators). Works without JavaScript; the domain checks the right to
 * moderate this session and that every question and poll belongs to it. Answers under `report`.
 */
export const reportActions = {
	saveReport: async (event: Ev) => {
		const { d, user, session } = await moderation(event);
		const form = await event.request.formData();
		const values = { summary: String(form.get('summary') ?? ''), questionIds: strings(form, 'questionIds'), pollIds: strings(form, 'pollIds') };
		const parsed = reportInput.safeParse(values);
		if (!parsed.success) return fail(400, { report: { ok: false, error: invalidMessage(parsed.error.issues[0]?.path[0]), values } satisfies ReportResult });
		try {
			await saveReport(session.id, parsed.data, user.id, d);
		} catch (e) {
			if (!isAppError(e)) throw e;
			return fail(HTTP_STATUS[e.code], { report: { ok: false, error: boardErrorMessage(e.code, 'report'), values } satisfies ReportResult });
		}
		return { report: { ok: true, message: m.boardmod_report_saved() } satisfies ReportResult };
	}
};
