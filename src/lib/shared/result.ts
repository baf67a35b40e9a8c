/** Error codes every transport uses; messages are for people, codes are for programs. */
export const ERROR_CODES = [
	'invalid_payload',
	'unauthenticated',
	'forbidden',
	'not_found',
	'conflict',
	'rate_limited',
	'unavailable',
	'expired',
	'stale_version',
	'poll_closed',
	'protocol_mismatch',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
	code: ErrorCode;
	message: string;
	retryAfterMs?: number;
}
/** The one acknowledgement shape of every socket event (architecture: shared protocol). */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
