import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { HTTP_STATUS, isAppError } from '../errors.ts';
import type { ErrorCode } from '../../shared/result.ts';

/**
 * Error codes of the JSON API: the domain's codes plus the few that only HTTP knows about
 * (a body that is too large, not JSON, or a method the route does not have).
 */
export const HTTP_ONLY_CODES = ['payload_too_large', 'unsupported_media_type', 'method_not_allowed'] as const;
export type ApiErrorCode = ErrorCode | (typeof HTTP_ONLY_CODES)[number];

/** A failure decided by the HTTP layer itself (not by a domain function), with its status. */
export class ApiError extends Error {
	readonly status: number;
	readonly code: ApiErrorCode;
	readonly headers: Record<string, string>;
	constructor(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.headers = headers;
	}
}

/** Responses carry private data (events, join codes): no shared cache may keep them. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

/** The one error shape of the API: `{ "error": { "code", "message" } }`. */
export function errorResponse(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Response {
	return Response.json({ error: { code, message } }, { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * Maps anything a handler throws to a response. Expected failures keep their message (written
 * for integrators); anything else becomes a bare 500 and is reported through `onUnexpected`,
 * because an exception text may hold SQL or internals that are nobody's business outside.
 */
export function responseForError(e: unknown, onUnexpected: (e: unknown) => void): Response {
	if (e instanceof ApiError) return errorResponse(e.status, e.code, e.message, e.headers);
	if (isAppError(e)) {
		const headers: Record<string, string> = {};
		if (e.code === 'rate_limited' && e.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(e.retryAfterMs / 1000)));
		return errorResponse(HTTP_STATUS[e.code], e.code, e.message, headers);
	}
	if (isDatabaseUnavailable(e)) return errorResponse(503, 'unavailable', 'the database is unavailable; try again shortly', { 'retry-after': '2' });
	onUnexpected(e);
	return errorResponse(500, 'internal', 'internal server error');
}
