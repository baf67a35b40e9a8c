import type { ErrorCode } from '../shared/result.ts';

/**
 * The one error the domain throws for an expected failure. Transports map `code` to an HTTP
 * status or an ack. Checked by its `code` field rather than `instanceof`, because in development
 * Vite may load this module twice (once for the Vite plugin, once for the app).
 */
export class AppError extends Error {
	readonly code: ErrorCode;
	readonly retryAfterMs?: number;
	readonly appError = true;
	constructor(code: ErrorCode, message: string, retryAfterMs?: number) {
		super(message);
		this.code = code;
		this.retryAfterMs = retryAfterMs;
	}
}

export function isAppError(e: unknown): e is AppError {
	return e instanceof Error && (e as { appError?: unknown }).appError === true;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
	invalid_payload: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	rate_limited: 429,
	unavailable: 503,
	expired: 410,
	stale_version: 409,
	poll_closed: 409,
	protocol_mismatch: 400,
	internal: 500
};

/**
 * The value, or null when the thing does not exist (`not_found`). Any other failure — the
 * database out of reach above all — still throws: it must not pass for "gone" (D5).
 */
export function nullIfNotFound<T>(p: Promise<T>): Promise<T | null> {
	return p.catch((e: unknown) => {
		if (isAppError(e) && e.code === 'not_found') return null;
		throw e;
	});
}
