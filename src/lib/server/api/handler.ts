import type { RequestEvent } from '@sveltejs/kit';
import { getRunning } from '../registry.ts';
import type { Deps } from '../deps.ts';
import type { User } from '../auth/service.ts';
import { bearerUser } from './auth.ts';
import { ApiError, NO_STORE, responseForError } from './errors.ts';

export interface ApiContext<E extends RequestEvent> {
	event: E;
	user: User;
	deps: Deps;
}

/**
 * Wraps an authenticated API handler: resolves the bearer token, runs the handler and turns
 * every failure into the JSON error format. Unexpected exceptions are logged with the route and
 * method only: never the URL query, headers or body, which is where tokens and personal data live.
 */
export function api<E extends RequestEvent>(fn: (ctx: ApiContext<E>) => Promise<Response>): (event: E) => Promise<Response> {
	return (event) => run(event, async (deps) => fn({ event, user: await bearerUser(event.request, deps), deps }));
}

/** Like `api`, without authentication: for the public OpenAPI document only. */
export function publicApi<E extends RequestEvent>(fn: (ctx: { event: E; deps: Deps }) => Promise<Response>): (event: E) => Promise<Response> {
	return (event) => run(event, async (deps) => fn({ event, deps }));
}

async function run(event: RequestEvent, fn: (deps: Deps) => Promise<Response>): Promise<Response> {
	const { app } = getRunning();
	try {
		return await fn(app.deps);
	} catch (e) {
		return responseForError(e, (err) =>
			app.log.error('api: unexpected error', {
				method: event.request.method,
				route: event.route.id,
				error: err instanceof Error ? (err.stack ?? err.message) : String(err)
			})
		);
	}
}

/** A JSON success response that no cache keeps. */
export function ok(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return Response.json(data, { status, headers: { ...NO_STORE, ...headers } });
}

export function noContent(): Response {
	return new Response(null, { status: 204, headers: NO_STORE });
}

/**
 * The `fallback` export of every API route: a JSON 405 naming the methods the route has (SvelteKit's
 * own answer would be plain text). A test checks that each list matches the route's exports.
 */
export function methodNotAllowed(...methods: string[]): (event: RequestEvent) => Response {
	const allow = methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : methods;
	return (event) => {
		const e = new ApiError(405, 'method_not_allowed', `${event.request.method} is not allowed here; allowed: ${allow.join(', ')}`, { allow: allow.join(', ') });
		return responseForError(e, () => {});
	};
}
