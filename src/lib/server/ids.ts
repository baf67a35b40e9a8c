import { createHash, randomBytes } from 'node:crypto';

/**
 * 128 random bits, URL-safe: ids that cannot be guessed or enumerated (rule S3 in quality.md).
 * Never starting with '-' or '_': a leading '-' would be neutralised as a formula in CSV exports
 * (P10) and would read as an option on a command line. Redrawing costs 1 in 32 draws.
 */
export function newId(): string {
	for (;;) {
		const id = randomBytes(16).toString('base64url');
		if (id[0] !== '-' && id[0] !== '_') return id;
	}
}

/** A secret handed to a browser or a person (session, participant, invite, API token): 160 bits. */
export function newToken(): string {
	return randomBytes(20).toString('base64url');
}

/** Tokens are stored only as SHA-256 hashes, so a leaked database cannot be replayed as logins. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}
