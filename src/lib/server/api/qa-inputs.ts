import { z } from 'zod';
import { AppError } from '../errors.ts';
import { HIDE_REASONS, MODERATE_ACTIONS, QUESTION_STATUS, qaSettingsInput, replyText, type QaSettingsInput, type QuestionStatus } from '../../shared/qa.ts';
import { onlyFields, parseWith, readJson } from './body.ts';
import type { QuestionOrder } from './qa-view.ts';

/**
 * Q&A bodies and query options of the API, validated with the schemas the socket uses
 * (src/lib/shared/qa.ts). A body naming an unknown field is refused, as everywhere in the API.
 */
export const QA_SETTINGS_FIELDS = Object.keys(qaSettingsInput.shape) as readonly (keyof QaSettingsInput)[];

export function qaSettingsBody(body: unknown): QaSettingsInput {
	return parseWith(qaSettingsInput, onlyFields(body, QA_SETTINGS_FIELDS));
}

const moderateInput = z
	.strictObject({ action: z.enum(MODERATE_ACTIONS), reason: z.enum(HIDE_REASONS).optional() })
	// A reason with another action would be dropped without a word; say so instead.
	.refine((b) => b.reason === undefined || b.action === 'hide', { path: ['reason'], message: 'a reason goes only with the action hide' });
export type ModerateBody = z.infer<typeof moderateInput>;

export function moderateBody(body: unknown): ModerateBody {
	return parseWith(moderateInput, onlyFields(body, ['action', 'reason']));
}

export function replyBody(body: unknown): string | null {
	return parseWith(z.strictObject({ reply: replyText.nullable() }), onlyFields(body, ['reply'])).reply;
}

/** `expectedVersion` refuses the change with stale_version when the stage moved meanwhile (ST1). */
const stageInput = z.strictObject({ top: z.boolean().optional(), expectedVersion: z.number().int().nonnegative().optional() });

export function highlightBody(body: unknown): { top: boolean; expectedVersion?: number } {
	const b = parseWith(stageInput, onlyFields(body, ['top', 'expectedVersion']));
	return { top: b.top ?? false, expectedVersion: b.expectedVersion };
}

export function topOnlyBody(body: unknown): { expectedVersion?: number } {
	return parseWith(stageInput.omit({ top: true }), onlyFields(body, ['expectedVersion']));
}

/** A POST whose fields are all optional may come without a body (still with the JSON content type). */
export async function readOptionalJson(request: Request): Promise<unknown> {
	return request.body === null ? {} : readJson(request);
}

const ORDERS = ['votes', 'time', 'fair'] as const;

/** `?status=pending|approved|answered|hidden` and `?order=votes|time|fair` (default votes). */
export function listQuery(params: URLSearchParams): { status: QuestionStatus | null; order: QuestionOrder } {
	const status = params.get('status') || null;
	const order = params.get('order') || 'votes';
	if (status !== null && !(QUESTION_STATUS as readonly string[]).includes(status))
		throw new AppError('invalid_payload', `status: must be one of ${QUESTION_STATUS.join(', ')}`);
	if (!(ORDERS as readonly string[]).includes(order)) throw new AppError('invalid_payload', `order: must be one of ${ORDERS.join(', ')}`);
	return { status: status as QuestionStatus | null, order: order as QuestionOrder };
}
