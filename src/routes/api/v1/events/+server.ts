import type { RequestHandler } from './$types';
import { api, methodNotAllowed, ok } from '#lib/server/api/handler.ts';
import { readJson } from '#lib/server/api/body.ts';
import { eventCreateBody } from '#lib/server/api/inputs.ts';
import { AppError } from '#lib/server/errors.ts';
import { createEvent, listEventsForUser } from '#lib/server/events/service.ts';

/** The events the token's user belongs to, each with the user's role in it. */
export const GET: RequestHandler = api(async ({ user, deps }) => ok({ events: await listEventsForUser(user.id, deps) }));

/** Creates an event; only an administrator may (AC1), and becomes its owner. */
export const POST: RequestHandler = api(async ({ event, user, deps }) => {
	// Refused before the body is read, as every other write is: a non-administrator learns nothing from validation.
	if (!user.isAdmin) throw new AppError('forbidden', 'only an administrator may create events');
	const input = eventCreateBody(await readJson(event.request));
	const created = await createEvent(input, { userId: user.id, isAdmin: user.isAdmin }, deps);
	return ok(created, 201, { location: `/api/v1/events/${encodeURIComponent(created.id)}` });
});

export const fallback = methodNotAllowed('GET', 'POST');
