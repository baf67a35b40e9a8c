import { z } from 'zod';
import { boardInput, reportInput, workshopInput, type BoardInput, type PublicWorkshop, type ReportInput, type WorkshopInput } from '../../shared/boards.ts';
import { onlyFields, parseWith } from './body.ts';
import type { BoardRecord } from './board-access.ts';

/**
 * Board bodies of the API, validated with the schemas the organiser's pages and the socket use
 * (src/lib/shared/boards.ts). One difference: the API takes and gives `lotteryDeadline` as an
 * ISO 8601 date-time (with `Z` or an offset, so that it names one instant), the domain keeps
 * epoch milliseconds. A PATCH merges the given fields into the current record and validates the
 * whole, as for events, sessions and polls.
 */
export const BOARD_FIELDS = Object.keys(boardInput.shape) as readonly (keyof BoardInput)[];
export const WORKSHOP_FIELDS = Object.keys(workshopInput.shape) as readonly (keyof WorkshopInput)[];
/** The session of a workshop is in the path of a PATCH; only these change. */
export const WORKSHOP_PATCH_FIELDS = ['capacity', 'description'] as const;
export const REPORT_FIELDS = Object.keys(reportInput.shape) as readonly (keyof ReportInput)[];

const deadline = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with Z or an offset, e.g. 2026-05-04T12:00:00Z' }).nullable();

/** `lotteryDeadline` as the API writes it (ISO string or null) → epoch ms for the domain schema. */
function withDeadlineMs(body: Record<string, unknown>): Record<string, unknown> {
	if (body.lotteryDeadline === undefined) return body;
	const iso = parseWith(z.object({ lotteryDeadline: deadline }), { lotteryDeadline: body.lotteryDeadline }).lotteryDeadline;
	return { ...body, lotteryDeadline: iso === null ? null : Date.parse(iso) };
}

export function boardCreateBody(body: unknown): BoardInput {
	return parseWith(boardInput, withDeadlineMs(onlyFields(body, BOARD_FIELDS)));
}

export function boardPatchBody(current: BoardRecord, body: unknown): BoardInput {
	const patch = withDeadlineMs(onlyFields(body, BOARD_FIELDS));
	const base = {
		title: current.title,
		mode: current.mode,
		lotteryDeadline: current.lottery_deadline === null ? null : Number(current.lottery_deadline)
	};
	return parseWith(boardInput, { ...base, ...patch });
}

export function workshopCreateBody(body: unknown): WorkshopInput {
	return parseWith(workshopInput, onlyFields(body, WORKSHOP_FIELDS));
}

export function workshopPatchBody(current: PublicWorkshop, body: unknown): WorkshopInput {
	const patch = onlyFields(body, WORKSHOP_PATCH_FIELDS);
	return parseWith(workshopInput, { sessionId: current.sessionId, capacity: current.capacity, description: current.description, ...patch });
}

const moveInput = z.strictObject({
	participantId: z.string().min(1).max(64),
	/** null: off the board (the seat or waitlist place is given up). */
	toSessionId: z.string().min(1).max(64).nullable()
});
export type MoveBody = z.infer<typeof moveInput>;

export function moveBody(body: unknown): MoveBody {
	return parseWith(moveInput, onlyFields(body, ['participantId', 'toSessionId']));
}

/** Each question and poll once: a report shows it once. */
const unique = (ids: readonly string[]) => new Set(ids).size === ids.length;
const reportBodyInput = reportInput
	.refine((r) => unique(r.questionIds), { path: ['questionIds'], message: 'each question once' })
	.refine((r) => unique(r.pollIds), { path: ['pollIds'], message: 'each poll once' });

/** A PUT replaces the whole report-back; fields left out are empty. */
export function reportBody(body: unknown): ReportInput {
	return parseWith(reportBodyInput, onlyFields(body, REPORT_FIELDS));
}
