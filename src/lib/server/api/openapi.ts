import { LOCALES, SESSION_KINDS } from '../../shared/events.ts';
import { POLL_KINDS, POLL_LIMITS, RESULTS_VISIBILITY } from '../../shared/polls.ts';
import { ERROR_CODES } from '../../shared/result.ts';
import { MAX_BODY_BYTES } from './body.ts';
import { HTTP_ONLY_CODES } from './errors.ts';
import { qaParameters, qaPaths, qaSchemas } from './openapi-qa.ts';
import { boardParameters, boardPaths, boardSchemas } from './openapi-boards.ts';

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

const pollSettings = {
	maxChoices: {
		type: 'integer',
		minimum: 1,
		maximum: POLL_LIMITS.maxOptions,
		description: 'multiple: how many options one may pick; not more than options. Default: as many as there are options.'
	},
	scaleMin: { type: 'integer', minimum: POLL_LIMITS.scaleMin, maximum: POLL_LIMITS.scaleMax, default: 1, description: 'scale: lowest rating.' },
	scaleMax: {
		type: 'integer',
		minimum: POLL_LIMITS.scaleMin,
		maximum: POLL_LIMITS.scaleMax,
		default: 5,
		description: 'scale: highest rating; above scaleMin.'
	},
	labelMin: { type: 'string', maxLength: 60, default: '', description: 'scale: label of the lowest rating.' },
	labelMax: { type: 'string', maxLength: 60, default: '', description: 'scale: label of the highest rating.' },
	maxEntries: { type: 'integer', minimum: 1, maximum: POLL_LIMITS.maxWordEntries, default: 3, description: 'wordcloud: entries per participant.' },
	moderated: { type: 'boolean', default: true, description: 'open: answers wait for approval (true) or are shown at once (false).' }
};
const pollFields = {
	kind: { type: 'string', enum: [...POLL_KINDS] },
	question: { type: 'string', minLength: 1, maxLength: POLL_LIMITS.questionLength, description: 'Trimmed.' },
	options: {
		type: 'array',
		items: { type: 'string', minLength: 1, maxLength: POLL_LIMITS.optionLength },
		maxItems: POLL_LIMITS.maxOptions,
		default: [],
		description: 'Option labels in order; single, multiple and ranking need at least two that differ (ignoring case). Ignored by the other kinds.'
	},
	...pollSettings,
	allowChange: { type: 'boolean', default: true, description: 'Participants may change their vote until the poll closes.' },
	resultsVisibility: {
		type: 'string',
		enum: [...RESULTS_VISIBILITY],
		default: 'live',
		description: 'When the audience sees results: live, after close, or never (stage and staff always do).'
	},
	showNames: { type: 'boolean', default: false, description: 'open: show display names next to answers (and in exports).' }
};
const isoTime = { type: ['string', 'null'], format: 'date-time', description: 'ISO 8601, UTC; null if not yet.' };
const counts = (description: string) => ({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description });

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
	Poll: {
		type: 'object',
		required: [
			'id',
			'sessionId',
			'eventId',
			'position',
			'kind',
			'question',
			'options',
			'config',
			'state',
			'allowChange',
			'resultsVisibility',
			'resultsOverride',
			'resultsVisible',
			'showNames',
			'openedAt',
			'closedAt'
		],
		properties: {
			id,
			sessionId: id,
			eventId: id,
			position: { type: 'integer', minimum: 1, description: "Place in the session's list of polls, 1 first." },
			kind: pollFields.kind,
			question: { type: 'string' },
			options: {
				type: 'array',
				items: {
					type: 'object',
					required: ['id', 'label'],
					properties: { id: { type: 'string', examples: ['o1'], description: 'By place in the list: o1, o2, …' }, label: { type: 'string' } }
				}
			},
			config: { type: 'object', properties: pollSettings, description: 'The settings of its kind, defaults filled in.' },
			state: { type: 'string', enum: ['draft', 'open', 'closed'] },
			allowChange: { type: 'boolean' },
			resultsVisibility: pollFields.resultsVisibility,
			resultsOverride: {
				type: ['string', 'null'],
				enum: ['shown', 'hidden', null],
				description: "The moderator's reveal or hide, which wins over resultsVisibility; null: none."
			},
			resultsVisible: { type: 'boolean', description: 'Whether the audience sees results now (P7).' },
			showNames: { type: 'boolean' },
			openedAt: isoTime,
			closedAt: isoTime
		}
	},
	PollInput: {
		type: 'object',
		additionalProperties: false,
		required: ['kind', 'question'],
		properties: pollFields,
		description: 'Settings of other kinds are accepted and ignored. Unknown fields are refused with invalid_payload.'
	},
	PollPatch: {
		type: 'object',
		additionalProperties: false,
		properties: pollFields,
		description:
			'Any subset of PollInput; merged into the current poll, then the whole is validated as PollInput. A setting sent as null goes back ' +
			'to its default. Only a draft can change (conflict otherwise).'
	},
	Tally: {
		description: 'Results of one group of voters. voters: participants who answered.',
		oneOf: [
			{
				type: 'object',
				required: ['kind', 'voters', 'counts'],
				properties: { kind: { enum: ['single', 'multiple'] }, voters: { type: 'integer' }, counts: counts('Votes per option id.') }
			},
			{
				type: 'object',
				required: ['kind', 'voters', 'distribution', 'average'],
				properties: {
					kind: { const: 'scale' },
					voters: { type: 'integer' },
					distribution: counts('Votes per rating, every rating of the scale listed.'),
					average: { type: ['number', 'null'], description: 'Rounded to two decimals; null without votes.' }
				}
			},
			{
				type: 'object',
				required: ['kind', 'voters', 'words'],
				properties: {
					kind: { const: 'wordcloud' },
					voters: { type: 'integer' },
					words: {
						type: 'array',
						description: 'The 60 most frequent normalised entries, most frequent first; count = participants who sent the word.',
						items: { type: 'object', required: ['word', 'count'], properties: { word: { type: 'string' }, count: { type: 'integer' } } }
					}
				}
			},
			{
				type: 'object',
				required: ['kind', 'voters', 'answers', 'pending'],
				properties: {
					kind: { const: 'open' },
					voters: { type: 'integer' },
					answers: {
						type: 'array',
						description: 'The newest 100 approved answers; name only if the poll shows names.',
						items: {
							type: 'object',
							required: ['id', 'text', 'name'],
							properties: { id: { type: 'string' }, text: { type: 'string' }, name: { type: ['string', 'null'] } }
						}
					},
					pending: { type: 'integer', description: 'Answers waiting for approval.' }
				}
			},
			{
				type: 'object',
				required: ['kind', 'voters', 'averageRank', 'borda'],
				properties: {
					kind: { const: 'ranking' },
					voters: { type: 'integer' },
					averageRank: { type: 'object', additionalProperties: { type: ['number', 'null'] }, description: 'Mean place per option id (1 = first).' },
					borda: counts('Borda score per option id: n − place points per vote.')
				}
			}
		]
	},
	PollResults: {
		type: 'object',
		required: ['state', 'all', 'room', 'online'],
		description: 'Everyone, in the room, online (P9). For a closed poll: the final tally stored at the close.',
		properties: { state: { type: 'string', enum: ['draft', 'open', 'closed'] }, all: ref('Tally'), room: ref('Tally'), online: ref('Tally') }
	},
	ExportedAnswer: {
		type: 'object',
		required: ['channel', 'answer', 'status', 'name', 'createdAt'],
		description: 'One answer, without any participant identity (P10).',
		properties: {
			channel: { type: 'string', enum: ['room', 'online'] },
			answer: {
				description:
					'Readable, by kind: single {option}, multiple {options}, scale {value}, wordcloud {words}, open {text}, ranking {ranking} (labels, first place first).',
				oneOf: [
					{ type: 'object', required: ['option'], properties: { option: { type: 'string' } } },
					{ type: 'object', required: ['options'], properties: { options: { type: 'array', items: { type: 'string' } } } },
					{ type: 'object', required: ['value'], properties: { value: { type: 'integer' } } },
					{ type: 'object', required: ['words'], properties: { words: { type: 'array', items: { type: 'string' } } } },
					{ type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
					{ type: 'object', required: ['ranking'], properties: { ranking: { type: 'array', items: { type: 'string' } } } }
				]
			},
			status: { type: ['string', 'null'], enum: ['pending', 'approved', 'hidden', null], description: 'Open text only.' },
			name: { type: ['string', 'null'], description: 'Display name; only on open-text answers of a poll that shows names.' },
			createdAt: { type: 'string', format: 'date-time' }
		}
	},
	PollsExport: {
		type: 'object',
		required: ['format', 'version', 'exportedAt', 'event', 'polls'],
		properties: {
			format: { const: 'plenum-polls' },
			version: { type: 'integer', const: 1 },
			exportedAt: { type: 'string', format: 'date-time' },
			event: { type: 'object', required: ['id', 'title', 'timeZone'], properties: { id, title: { type: 'string' }, timeZone: { type: 'string' } } },
			polls: {
				type: 'array',
				items: {
					type: 'object',
					required: ['id', 'session', 'position', 'kind', 'question', 'options', 'settings', 'state', 'openedAt', 'closedAt', 'results', 'answers'],
					properties: {
						id,
						session: { type: 'object', required: ['id', 'title'], properties: { id, title: { type: 'string' } } },
						position: { type: 'integer' },
						kind: pollFields.kind,
						question: { type: 'string' },
						options: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } } },
						settings: {
							type: 'object',
							description: "The kind's config plus allowChange, resultsVisibility, resultsOverride and showNames."
						},
						state: { type: 'string', enum: ['draft', 'open', 'closed'] },
						openedAt: isoTime,
						closedAt: isoTime,
						results: {
							type: 'object',
							required: ['all', 'room', 'online'],
							properties: { all: ref('Tally'), room: ref('Tally'), online: ref('Tally') }
						},
						answers: { type: 'array', items: ref('ExportedAnswer'), description: 'Oldest first.' }
					}
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
	Conflict: errorResponse('The poll is not in a state that allows this, e.g. a change to a poll that was opened (code conflict).'),
	Internal: errorResponse('An unexpected error; details are in the server log only (code internal).')
};

const parameters: Json = {
	eventId: { name: 'eventId', in: 'path', required: true, schema: { type: 'string' } },
	sessionId: { name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } },
	pollId: { name: 'pollId', in: 'path', required: true, schema: { type: 'string' } }
};
const eventIdParam = [{ $ref: '#/components/parameters/eventId' }];
const sessionIdParam = [{ $ref: '#/components/parameters/sessionId' }];
const pollIdParam = [{ $ref: '#/components/parameters/pollId' }];
/** Poll operations need `session:moderate`: owner, moderator, or the lead of the poll's session. */
const pollErrors = { ...readErrors, '403': resp('Forbidden'), '409': resp('Conflict') };
const pollResponse = (description: string) => jsonBody(ref('Poll'), description);
const exportDownload = (mediaType: string, schema: Json, description: string) => ({
	description,
	headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="plenum-poll-….csv"' } },
	content: { [mediaType]: { schema } }
});

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
	'/sessions/{sessionId}/polls': {
		parameters: sessionIdParam,
		get: {
			operationId: 'listPolls',
			summary: "A session's polls",
			description: 'Needs session:moderate (owner, moderator, or the lead of this session). Polls in their order.',
			responses: {
				'200': jsonBody({ type: 'object', required: ['polls'], properties: { polls: { type: 'array', items: ref('Poll') } } }, 'The polls.'),
				...readErrors,
				'403': resp('Forbidden')
			}
		},
		post: {
			operationId: 'createPoll',
			summary: 'Add a poll',
			description: 'Needs session:moderate. The poll is a draft at the end of the list.',
			requestBody: { required: true, content: { 'application/json': { schema: ref('PollInput') } } },
			responses: {
				'201': { ...pollResponse('The new poll.'), headers: { Location: { schema: { type: 'string' }, description: 'Path of the new poll.' } } },
				...writeErrors
			}
		}
	},
	'/polls/{pollId}': {
		parameters: pollIdParam,
		get: {
			operationId: 'getPoll',
			summary: 'One poll',
			description: 'Needs session:moderate on its session.',
			responses: { '200': pollResponse('The poll.'), ...readErrors, '403': resp('Forbidden') }
		},
		patch: {
			operationId: 'updatePoll',
			summary: 'Change a draft poll',
			description:
				'Send the fields to change; the result must be a valid poll as a whole. A poll that was opened cannot change: reset it first (409 conflict).',
			requestBody: { required: true, content: { 'application/json': { schema: ref('PollPatch') } } },
			responses: { '200': pollResponse('The changed poll.'), ...writeErrors, '409': resp('Conflict') }
		},
		delete: {
			operationId: 'deletePoll',
			summary: 'Delete a poll',
			description: 'Deletes the poll with its votes, in any state.',
			responses: { '204': { description: 'Deleted.' }, ...readErrors, '403': resp('Forbidden') }
		}
	},
	'/polls/{pollId}/open': {
		parameters: pollIdParam,
		post: {
			operationId: 'openPoll',
			summary: 'Open a poll',
			description:
				'Opens a draft for voting; opening an open poll changes nothing. Another open poll of the session is closed first (one open poll per ' +
				'session, P4). A closed poll must be reset before it opens again (409 conflict).',
			responses: { '200': pollResponse('The open poll.'), ...pollErrors }
		}
	},
	'/polls/{pollId}/close': {
		parameters: pollIdParam,
		post: {
			operationId: 'closePoll',
			summary: 'Close a poll',
			description:
				'Ends voting and answers the final tally, which contains every acknowledged vote. Idempotent: closing again answers the same tally ' +
				'(P4). A poll that was never opened cannot be closed (409 conflict).',
			responses: { '200': jsonBody(ref('PollResults'), 'The final tally.'), ...pollErrors }
		}
	},
	'/polls/{pollId}/reset': {
		parameters: pollIdParam,
		post: {
			operationId: 'resetPoll',
			summary: 'Reset a poll',
			description: 'Deletes every vote and answer of the poll and makes it a draft again. Cannot be undone.',
			responses: { '200': pollResponse('The poll, now a draft.'), ...pollErrors }
		}
	},
	'/polls/{pollId}/results': {
		parameters: pollIdParam,
		get: {
			operationId: 'getPollResults',
			summary: 'Results of a poll',
			description: 'Needs session:moderate. Everyone, in the room and online (P9); for a closed poll the final tally.',
			responses: { '200': jsonBody(ref('PollResults'), 'The results.'), ...readErrors, '403': resp('Forbidden') }
		}
	},
	'/polls/{pollId}/export.csv': {
		parameters: pollIdParam,
		get: {
			operationId: 'exportPollCsv',
			summary: 'Export a poll as CSV',
			description:
				'UTF-8 with byte order mark, CRLF line ends, RFC 4180 quoting; text cells starting with = + - @, tab or CR get a leading ' +
				'apostrophe (P10). Default: one row per answer (poll_id, session, question, kind, channel, answer, status, name, created_at), ' +
				'no participant identities, names only on open-text answers of a poll that shows names. With summary=1: one row per option, scale ' +
				'value, word or answer status (poll_id, session, question, kind, item, measure, all, room, online). Available at any time.',
			parameters: [
				{ name: 'summary', in: 'query', required: false, schema: { type: 'string', enum: ['0', '1'], default: '0' } },
				{
					name: 'delimiter',
					in: 'query',
					required: false,
					description: 'semicolon: ";" between cells and "," as decimal mark, as spreadsheets in German locales expect.',
					schema: { type: 'string', enum: ['comma', 'semicolon'], default: 'comma' }
				}
			],
			responses: {
				'200': exportDownload('text/csv', { type: 'string' }, 'The CSV file.'),
				'400': resp('InvalidPayload'),
				...readErrors,
				'403': resp('Forbidden')
			}
		}
	},
	'/polls/{pollId}/export.json': {
		parameters: pollIdParam,
		get: {
			operationId: 'exportPollJson',
			summary: 'Export a poll as JSON',
			description: 'The poll with its settings, results and every answer, without participant identities (P10). Available at any time.',
			responses: { '200': exportDownload('application/json', ref('PollsExport'), 'The JSON file.'), ...readErrors, '403': resp('Forbidden') }
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
				'Events, agenda, join links, polls, Q&A and workshop boards of a Plenum server for integrations. Authenticate with an API token ' +
				'(created at /admin/tokens) as `Authorization: Bearer plm_…`; the API acts with the rights of the ' +
				"token's creator. The login cookie is never accepted here, so a web page on another site cannot " +
				"make requests in a user's name (no CSRF). Send request bodies as application/json, at most " +
				`${MAX_BODY_BYTES} bytes, also with DELETE send Content-Type: application/json. ` +
				'Errors are `{ "error": { "code", "message" } }`.',
			license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' }
		},
		servers: [{ url: `${publicOrigin}/api/v1` }],
		security: [{ bearerAuth: [] }],
		paths: { ...paths, ...qaPaths, ...boardPaths },
		components: {
			securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'plm_…', description: 'An API token from /admin/tokens.' } },
			schemas: { ...schemas, ...qaSchemas, ...boardSchemas },
			responses,
			parameters: { ...parameters, ...qaParameters, ...boardParameters }
		}
	};
}
