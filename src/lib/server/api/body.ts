import { z } from 'zod';
import { AppError } from '../errors.ts';
import { ApiError } from './errors.ts';

/** Every request body of the API is small (an event, a session, an order): 64 KiB is plenty. */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => new ApiError(413, 'payload_too_large', `the body may have at most ${MAX_BODY_BYTES} bytes`);

/**
 * Reads a JSON request body, refusing other media types (415), bodies over the limit (413) and
 * text that is not JSON (400). The stream is counted as it arrives, so a chunked body without a
 * Content-Length cannot get past the limit either.
 */
export async function readJson(request: Request): Promise<unknown> {
	const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (mediaType !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(mediaType))
		throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > MAX_BODY_BYTES) throw tooLarge();
	if (!request.body) throw new AppError('invalid_payload', 'a JSON body is required');
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_BODY_BYTES) {
			// Stop reading without cancelling: cancelling destroys the socket, and the client would
			// never see the 413. Node discards the rest of the body once the response is sent.
			reader.releaseLock();
			throw tooLarge();
		}
		chunks.push(value);
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
	} catch {
		throw new AppError('invalid_payload', 'the body is not valid UTF-8');
	}
	if (text.trim() === '') throw new AppError('invalid_payload', 'a JSON body is required');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new AppError('invalid_payload', 'the body is not valid JSON');
	}
}

/** Validates with a zod schema; on failure names the first problem as `path: message`. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
	const r = schema.safeParse(value);
	if (r.success) return r.data;
	const issue = r.error.issues[0];
	if (!issue) throw new AppError('invalid_payload', 'invalid body');
	const path = issue.path.map(String).join('.');
	throw new AppError('invalid_payload', path ? `${path}: ${issue.message}` : issue.message);
}

/**
 * Checks that the body is a JSON object naming only writable fields. A typo (`startAt`) or a
 * read-only field (`joinCode`) is refused rather than silently dropped, so an integration learns
 * at once that its change would not have happened.
 */
export function onlyFields(value: unknown, allowed: readonly string[]): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('invalid_payload', 'the body must be a JSON object');
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key)) throw new AppError('invalid_payload', `${key.slice(0, 64)}: unknown or read-only field (writable: ${allowed.join(', ')})`);
	}
	return value as Record<string, unknown>;
}
