import type { RequestHandler } from './$types';
import { methodNotAllowed, publicApi } from '#lib/server/api/handler.ts';
import { openApiDocument } from '#lib/server/api/openapi.ts';

/**
 * The OpenAPI 3.1 description of this API. Public: it holds no data, only the shape of the API,
 * so API tools on other origins (editors, client generators) may fetch it too.
 */
export const GET: RequestHandler = publicApi(async ({ deps }) =>
	Response.json(openApiDocument(deps.publicOrigin), { headers: { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' } })
);

export const fallback = methodNotAllowed('GET');
