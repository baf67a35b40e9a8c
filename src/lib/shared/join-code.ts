/**
 * Join codes are typed on phones and read from a projector at the back of a hall, so the
 * alphabet leaves out characters that look alike (0/O, 1/I/L) and six characters give
 * 31^6 ≈ 887 million codes: guessing one by chance is hopeless at any realistic rate limit.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** Upper-cases and drops spaces, dashes, dots and underscores that people add while typing. */
export function normalizeJoinCode(input: string): string {
	return input.toUpperCase().replace(/[\s\-_.]/g, '');
}

export function isJoinCode(code: string): boolean {
	if (code.length !== JOIN_CODE_LENGTH) return false;
	for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
	return true;
}

/** "ABCDEF" → "ABC-DEF": easier to read aloud and to type from a slide. */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 3)}-${code.slice(3)}`;
}
