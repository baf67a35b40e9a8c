import { LOCALES, SESSION_KINDS } from '../../shared/events.ts';
import { ERROR_CODES } from '../../shared/result.ts';
import { MAX_BODY_BYTES } from './body.ts';
import { HTTP_ONLY_CODES } from './errors.ts';

/**
 * The OpenAPI 3.1 description of /api/v1, written by hand so that it says what the zod schemas
 * and the routes really do (cross-field rules, defaults, error codes). tests/api checks that every
 * route and method under src/routes/api/v1 appears here.
 */
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const resp = (name: string) => ({ $ref: `#/components/responses/${name}` });
const jsonBody = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-05-04'] };
const localDateTime = {
	type: 'string',
	pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
	description: "Wall-clock time in the event's time zone, without offset.",
	examples: ['2026-05-04T09:30']
};
const id = { type: 'string', description: 'Random, URL-safe identifier.', examples: ['q3v0Zb1yT9m7Jx0aZk2N1w'] };
const joinCode = { type: 'string', pattern: '^[A-HJKMNP-Z2-9]{6}$', description: 'Join code without the dash.', examples: ['KX7MRA'] };

/** Errors every authenticated operation may answer with. */
const commonErrors = { '401': resp('Unauthorized'), '500': resp('Internal') };
const readErrors = { ...commonErrors, '404': resp('NotFound') };
const writeErrors = {
	...readErrors,
	'400': resp('InvalidPayload'),
	'403': resp('Forbidden'),
	'413': resp('PayloadTooLarge'),
	'415': resp('UnsupportedMediaType')
};

const eventFields = {
	title: { type: 'string', minLength: 1, maxLength: 200, description: 'Trimmed.' },
	startsOn: { ...date, description: 'First day.' },
	endsOn: { ...date, description: 'Last day; not before startsOn.' },
	timeZone: { type: 'string', maxLength: 64, description: 'IANA time zone of the agenda times.', default: 'Europe/Berlin' },
	defaultLocale: { type: 'string', enum: [...LOCALES], default: 'de' },
	retentionOn: { ...date, description: 'Day after which personal data of the event is deleted; not before endsOn.' }
};
const sessionFields = {
	kind: { type: 'string', enum: [...SESSION_KINDS] },
	title: { type: 'string', minLength: 1, maxLength: 200, description: 'Trimmed.' },
	startsAt: localDateTime,
	endsAt: { ...localDateTime, description: 'After startsAt.' },
	room: { type: 'string', maxLength: 100, default: '' },
	livestreamUrl: { type: ['string', 'null'], maxLength: 500, description: 'http(s) URL of the livestream; null or "" for none.' }
};

const schemas: Json = {
	Error: {
		type: 'object',
		required: ['error'],
		properties: {
			error: {
				type: 'object',
				required: ['code', 'message'],
				properties: {
					code: {
						type: 'string',
						description: 'Stable, for programs. Treat a code you do not know by the HTTP status.',
						enum: [...ERROR_CODES, ...HTTP_ONLY_CODES]
					},
					message: { type: 'string', description: 'For people; for invalid_payload it starts with the path of the first invalid field.' }
				}
			}
		},
		examples: [{ error: { code: 'invalid_payload', message: 'endsOn: the event ends before it starts' } }]
	},
	Role: { type: 'string', enum: ['owner', 'moderator', 'workshop_lead'], description: "The token user's role in the event." },
	Event: {
		type: 'object',
		required: ['id', 'title', 'startsOn', 'endsOn', 'timeZone', 'defaultLocale', 'retentionOn', 'joinCode'],
		properties: { id, ...eventFields, joinCode }
	},
	EventWithRole: { allOf: [ref('Event'), { type: 'object', required: ['role'], properties: { role: ref('Role') } }] },
	EventInput: {
		type: 'object',
		additionalProperties: false,
		required: ['title', 'startsOn', 'endsOn', 'retentionOn'],
		properties: eventFields,
		description: 'Unknown or read-only fields are refused with invalid_payload.'
	},
	EventPatch: {
		type: 'object',
		additionalProperties: false,
		properties: eventFields,
		description: 'Any subset of EventInput; merged into the current event, then the whole is validated as EventInput.'
	},
	Session: {
		type: 'object',
		required: ['id', 'eventId', 'kind', 'title', 'startsAt', 'endsAt', 'room', 'livestreamUrl', 'position', 'joinCode'],
		properties: { id, eventId: id, ...sessionFields, position: { type: 'integer', minimum: 1, description: 'Place in the agenda, 1 first.' }, joinCode }
	},
	SessionInput: {
		type: 'object',
		additionalProperties: false,
		required: ['kind', 'title', 'startsAt', 'endsAt'],
		properties: sessionFields,
		description: 'Unknown or read-only fields are refused with invalid_payload.'
	},
	SessionPatch: {
		type: 'object',
		additionalProperties: false,
		properties: sessionFields,
		description: 'Any subset of SessionInput; merged into the current session, then the whole is validated as SessionInput.'
	},
	SessionOrder: {
		type: 'object',
		additionalProperties: false,
		required: ['sessionIds'],
		properties: { sessionIds: { type: 'array', items: id, maxItems: 1000, description: 'Every session id of the event exactly once, first to last.' } }
	},
	JoinInfo: {
		type: 'object',
		required: ['code', 'displayCode', 'links', 'qr'],
		properties: {
			code: joinCode,
			displayCode: { type: 'string', examples: ['KX7-MRA'], description: 'The code as shown to people.' },
			links: {
				type: 'object',
				required: ['room', 'online'],
				properties: {
					room: { type: 'string', format: 'uri', description: 'For people in the room (poster, stage screen): /r/CODE.' },
					online: { type: 'string', format: 'uri', description: 'For people following online (livestream): /o/CODE.' }
				}
			},
			qr: {
				type: 'object',
				required: ['room', 'online'],
				properties: {
					room: { type: 'string', format: 'uri', description: 'SVG QR code of links.room: /qr/CODE/room.svg.' },
					online: { type: 'string', format: 'uri', description: 'SVG QR code of links.online: /qr/CODE/online.svg.' }
				}
			}
		}
	},
	EventJoin: {
		type: 'object',
		required: ['event', 'sessions'],
		properties: {
			event: ref('JoinInfo'),
			sessions: {
				type: 'array',
				description: 'In agenda order.',
				items: { allOf: [{ type: 'object', required: ['sessionId', 'title'], properties: { sessionId: id, title: { type: 'string' } } }, ref('JoinInfo')] }
			}
		}
	}
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

const responses: Json = {
	Unauthorized: {
		...errorResponse('No, an unknown or a revoked API token (code unauthenticated).'),
		headers: { 'WWW-Authenticate': { schema: { type: 'string' } } }
	},
	Forbidden: errorResponse('The token user is a member of the event, but their role does not allow this (code forbidden).'),
	NotFound: errorResponse('No such resource, or the token user is not a member of its event (code not_found).'),
	InvalidPayload: errorResponse('The body is not JSON or fails validation; nothing was changed (code invalid_payload).'),
	PayloadTooLarge: errorResponse(`The body is larger than ${MAX_BODY_BYTES} bytes (code payload_too_large).`),
	UnsupportedMediaType: errorResponse('The body is not sent as application/json (code unsupported_media_type).'),
	Internal: errorResponse('An unexpected error; details are in the server log only (code internal).')
};

const parameters: Json = {
	eventId: { name: 'eventId', in: 'path', required: true, schema: { type: 'string' } },
	sessionId: { name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } }
};
const eventIdParam = [{ $ref: '#/components/parameters/eventId' }];
const sessionIdParam = [{ $ref: '#/components/parameters/sessionId' }];

const paths: Json = {
	'/events': {
		get: {
			operationId: 'listEvents',
			summary: "The token user's events",
			description: 'Every event the token user is a member of, newest first, with their role.',
			responses: {
				'200': jsonBody({ type: 'object', required: ['events'], properties: { events: { type: 'array', items: ref('EventWithRole') } } }, 'The events.'),
				...commonErrors
			}
		},
		post: {
			operationId: 'createEvent',
			summary: 'Create an event',
			description: 'Only an administrator may create events; the token user becomes the owner.',
			requestBody: { required: true, content: { 'application/json': { schema: ref('EventInput') } } },
			responses: {
				'201': { ...jsonBody(ref('Event'), 'The new event.'), headers: { Location: { schema: { type: 'string' }, description: 'Path of the new event.' } } },
				...writeErrors
			}
		}
	},
	'/events/{eventId}': {
		parameters: eventIdParam,
		get: {
			operationId: 'getEvent',
			summary: 'One event',
			description: 'Needs any role in the event.',
			responses: { '200': jsonBody(ref('EventWithRole'), 'The event.'), ...readErrors }
		},
		patch: {
			operationId: 'updateEvent',
			summary: 'Change an event',
			description: 'Owner only. Send the fields to change; the result must be a valid event as a whole.',
			requestBody: { required: true, content: { 'application/json': { schema: ref('EventPatch') } } },
			responses: { '200': jsonBody(ref('Event'), 'The changed event.'), ...writeErrors }
		},
		delete: {
			operationId: 'deleteEvent',
			summary: 'Delete an event',
			description: 'Owner only. Deletes the agenda, memberships, invites and every participant of the event.',
			responses: { '204': { description: 'Deleted.' }, ...readErrors, '403': resp('Forbidden') }
		}
	},
	'/events/{eventId}/sessions': {
		parameters: eventIdParam,
		get: {
			operationId: 'listSessions',
			summary: 'The agenda',
			description: 'Needs any role in the event. Sessions in agenda order.',
			responses: {
				'200': jsonBody({ type: 'object', required: ['sessions'], properties: { sessions: { type: 'array', items: ref('Session') } } }, 'The sessions.'),
				...readErrors
			}
		},
		post: {
			operationId: 'createSession',
			summary: 'Add a session',
			description: 'Owner only. The session is appended to the end of the agenda.',
			requestBody: { required: true, content: { 'application/json': { schema: ref('SessionInput') } } },
			responses: {
				'201': {
					...jsonBody(ref('Session'), 'The new session.'),
					headers: { Location: { schema: { type: 'string' }, description: 'Path of the new session.' } }
				},
				...writeErrors
			}
		}
	},
	'/events/{eventId}/sessions/order': {
		parameters: eventIdParam,
		put: {
			operationId: 'reorderSessions',
			summary: 'Set the agenda order',
			description: 'Owner only. The list must name every session of the event exactly once.',
			requestBody: { required: true, content: { 'application/json': { schema: ref('SessionOrder') } } },
			responses: {
				'200': jsonBody(
					{ type: 'object', required: ['sessions'], properties: { sessions: { type: 'array', items: ref('Session') } } },
					'The sessions in their new order.'
				),
				...writeErrors
			}
		}
	},
	'/sessions/{sessionId}': {
		parameters: sessionIdParam,
		get: {
			operationId: 'getSession',
			summary: 'One session',
			description: 'Needs any role in its event.',
			responses: { '200': jsonBody(ref('Session'), 'The session.'), ...readErrors }
		},
		patch: {
			operationId: 'updateSession',
			summary: 'Change a session',
			description: 'Owner only. Send the fields to change; the result must be a valid session as a whole.',
			requestBody: { required: true, content: { 'application/json': { schema: ref('SessionPatch') } } },
			responses: { '200': jsonBody(ref('Session'), 'The changed session.'), ...writeErrors }
		},
		delete: {
			operationId: 'deleteSession',
			summary: 'Delete a session',
			description: 'Owner only.',
			responses: { '204': { description: 'Deleted.' }, ...readErrors, '403': resp('Forbidden') }
		}
	},
	'/events/{eventId}/join': {
		parameters: eventIdParam,
		get: {
			operationId: 'getJoinLinks',
			summary: 'Join codes, links and QR codes',
			description: 'Needs any role in the event. The join code, room and online links and QR image addresses of the event and of every session.',
			responses: { '200': jsonBody(ref('EventJoin'), 'Join information.'), ...readErrors }
		}
	},
	'/events/{eventId}/join/qr.svg': {
		parameters: eventIdParam,
		get: {
			operationId: 'getJoinQr',
			summary: 'A join QR code as SVG',
			description: 'Needs any role in the event.',
			parameters: [
				{ name: 'target', in: 'query', required: false, description: 'The event id (default) or the id of one of its sessions.', schema: { type: 'string' } },
				{
					name: 'channel',
					in: 'query',
					required: false,
					description: 'Which join link the code holds.',
					schema: { type: 'string', enum: ['room', 'online'], default: 'room' }
				}
			],
			responses: {
				'200': { description: 'The QR code.', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
				'400': resp('InvalidPayload'),
				...readErrors
			}
		}
	},
	'/openapi.json': {
		get: {
			operationId: 'getOpenApi',
			summary: 'This document',
			security: [],
			responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } }
		}
	}
};

export function openApiDocument(publicOrigin: string): Json {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Plenum API',
			version: '1.0.0',
			description:
				'Events, agenda and join links of a Plenum server for integrations. Authenticate with an API token ' +
				'(created at /admin/tokens) as `Authorization: Bearer plm_…`; the API acts with the rights of the ' +
				"token's creator. The login cookie is never accepted here, so a web page on another site cannot " +
				"make requests in a user's name (no CSRF). Send request bodies as application/json, at most " +
				`${MAX_BODY_BYTES} bytes, also with DELETE send Content-Type: application/json. ` +
				'Errors are `{ "error": { "code", "message" } }`.',
			license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' }
		},
		servers: [{ url: `${publicOrigin}/api/v1` }],
		security: [{ bearerAuth: [] }],
		paths,
		components: {
			securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'plm_…', description: 'An API token from /admin/tokens.' } },
			schemas,
			responses,
			parameters
		}
	};
}
