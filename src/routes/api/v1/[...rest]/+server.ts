import { errorResponse } from '#lib/server/api/errors.ts';

/** Any other path under /api/v1 answers in the API's JSON error format rather than with an HTML page. */
export const fallback = () => errorResponse(404, 'not_found', 'no such endpoint; the API is described at /api/v1/openapi.json');
