import { userByApiToken } from '../api-tokens/service.ts';
import type { Deps } from '../deps.ts';
import type { User } from '../auth/service.ts';
import { ApiError } from './errors.ts';

/**
 * Authenticates an API request by its bearer token only (AT1, AT2). The staff login cookie is
 * deliberately ignored here: a browser attaches cookies to cross-site requests on its own but
 * never an Authorization header, so an API that trusts only bearer tokens offers nothing to
 * forge (S10).
 */
export async function bearerUser(request: Request, deps: Pick<Deps, 'db' | 'clock'>): Promise<User> {
	const header = request.headers.get('authorization');
	// RFC 6750 §3: answer a missing or bad token with a challenge naming the scheme.
	if (!header) throw new ApiError(401, 'unauthenticated', 'send an API token: Authorization: Bearer plm_…', { 'www-authenticate': 'Bearer realm="plenum"' });
	const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
	if (!match)
		throw new ApiError(401, 'unauthenticated', 'the Authorization header must read: Bearer plm_…', {
			'www-authenticate': 'Bearer realm="plenum", error="invalid_request"'
		});
	const user = await userByApiToken(match[1]!, deps);
	if (!user)
		throw new ApiError(401, 'unauthenticated', 'the API token is unknown or revoked', { 'www-authenticate': 'Bearer realm="plenum", error="invalid_token"' });
	return user;
}
