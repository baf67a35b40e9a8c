/**
 * The board part of the OpenAPI document (openapi.ts spreads it in): sign-up boards, their
 * workshops, open/close, the lottery draw, participant lists and moves, the participants export
 * and report-backs (B1–B10 in docs/SPEC.md); the schemas are in openapi-boards-schemas.ts.
 * Helpers are repeated rather than imported from openapi.ts, so that the modules do not depend
 * on each other's load order.
 */
export { boardParameters, boardSchemas } from './openapi-boards-schemas.ts';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const resp = (name: string) => ({ $ref: `#/components/responses/${name}` });
const jsonBody = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
const requestBody = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
const conflict = (description: string) => ({ description: `${description} (code conflict).`, content: { 'application/json': { schema: ref('Error') } } });

const commonErrors = { '401': resp('Unauthorized'), '500': resp('Internal') };
const readErrors = { ...commonErrors, '403': resp('Forbidden'), '404': resp('NotFound') };
const writeErrors = { ...readErrors, '400': resp('InvalidPayload'), '413': resp('PayloadTooLarge'), '415': resp('UnsupportedMediaType') };
const boardIdParam = [{ $ref: '#/components/parameters/boardId' }];
const sessionIdParam = [{ $ref: '#/components/parameters/sessionId' }];
const eventIdParam = [{ $ref: '#/components/parameters/eventId' }];
const board = (description: string) => jsonBody(ref('Board'), description);
const organiser = 'Needs event:manage (the owner).';

const download = (mediaType: string, schema: Json, description: string) => ({
	description,
	headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="plenum-participants-….csv"' } },
	content: { [mediaType]: { schema } }
});
const delimiter = {
	name: 'delimiter',
	in: 'query',
	required: false,
	description: 'semicolon: ";" between cells, as spreadsheets in German locales expect.',
	schema: { type: 'string', enum: ['comma', 'semicolon'], default: 'comma' }
};
const exportNote =
	'Needs session:moderate (the workshop lead, moderators, owners). A session on no board answers 404. Available at any time; ' + 'no participant ids.';

const action = (operationId: string, summary: string, description: string, conflictWhen: string) => ({
	parameters: boardIdParam,
	post: {
		operationId,
		summary,
		description: `${organiser} ${description} No body (send the JSON content type).`,
		responses: { '200': board('The board now.'), ...readErrors, '409': conflict(conflictWhen) }
	}
});

export const boardPaths: Json = {
	'/events/{eventId}/boards': {
		parameters: eventIdParam,
		get: {
			operationId: 'listBoards',
			summary: "An event's sign-up boards",
			description: 'Every member of the event; drafts included (phones do not see them, B4). Oldest first.',
			responses: { '200': jsonBody(ref('BoardList'), 'The boards.'), ...readErrors }
		},
		post: {
			operationId: 'createBoard',
			summary: 'Create a board',
			description: `${organiser} A new board is a draft. A lottery needs lotteryDeadline; its seed is made now and only its hash is shown (B7).`,
			requestBody: requestBody(ref('BoardInput')),
			responses: {
				'201': { ...board('The new board.'), headers: { Location: { schema: { type: 'string' }, description: 'Path of the new board.' } } },
				...writeErrors
			}
		}
	},
	'/boards/{boardId}': {
		parameters: boardIdParam,
		get: {
			operationId: 'getBoard',
			summary: 'One board',
			description: 'Every member of the event. Workshops with capacity, confirmed, waitlisted and seats left.',
			responses: { '200': board('The board.'), ...readErrors }
		},
		patch: {
			operationId: 'updateBoard',
			summary: 'Change a board',
			description: `${organiser} Partial: merged into the board and validated as a whole.`,
			requestBody: requestBody(ref('BoardPatch')),
			responses: { '200': board('The changed board.'), ...writeErrors, '409': conflict('The mode of an opened board, or the deadline after the draw') }
		},
		delete: {
			operationId: 'deleteBoard',
			summary: 'Delete a board',
			description: `${organiser} Deletes its seats, waitlists and rankings; the sessions stay in the agenda.`,
			responses: { '204': { description: 'Deleted.' }, ...readErrors }
		}
	},
	'/boards/{boardId}/workshops': {
		parameters: boardIdParam,
		post: {
			operationId: 'addWorkshop',
			summary: 'Put a session on the board',
			description: `${organiser} A session of the same event (404 otherwise), on one board at most, up to 50 per board.`,
			requestBody: requestBody(ref('WorkshopInput')),
			responses: {
				'201': board('The board with the new workshop.'),
				...writeErrors,
				'409': conflict('The session is on a board already, or the board is full')
			}
		}
	},
	'/boards/{boardId}/workshops/{sessionId}': {
		parameters: [...boardIdParam, ...sessionIdParam],
		patch: {
			operationId: 'updateWorkshop',
			summary: "Change a workshop's capacity or description",
			description: `${organiser} Raising the capacity promotes from the waitlist at once; lowering it evicts nobody, new sign-ups wait until the seats fit (B5).`,
			requestBody: requestBody(ref('WorkshopPatch')),
			responses: { '200': board('The board now.'), ...writeErrors }
		},
		delete: {
			operationId: 'removeWorkshop',
			summary: 'Take a workshop off the board',
			description: `${organiser} The session stays in the agenda.`,
			responses: { '204': { description: 'Removed.' }, ...readErrors, '409': conflict('People are signed up or waiting; move them first') }
		}
	},
	'/boards/{boardId}/open': action(
		'openBoard',
		'Open sign-up',
		'Participants see the board and sign up (or rank, on a lottery board). A closed board may open again.',
		'The board has no workshop'
	),
	'/boards/{boardId}/close': {
		parameters: boardIdParam,
		post: {
			operationId: 'closeBoard',
			summary: 'Close sign-up',
			description: `${organiser} Nothing changes for participants any more; seats and waitlists stay. No body (send the JSON content type).`,
			responses: { '200': board('The board now.'), ...readErrors }
		}
	},
	'/boards/{boardId}/draw': action(
		'drawBoard',
		'Draw the lottery',
		'Once, after the deadline: assigns seats by rank, random within a rank, from the seed; reveals the seed and stores the summary (B7). ' +
			'Seats left afterwards are first come, first served with a waitlist.',
		'Before the deadline, drawn already, or not a lottery board'
	),
	'/boards/{boardId}/participants': {
		parameters: boardIdParam,
		get: {
			operationId: 'listBoardParticipants',
			summary: 'Who sits in or waits for each workshop',
			description:
				'Needs session:moderate: owners and moderators get every workshop, a workshop lead the workshops they lead (403 for none). ' +
				'Each entry has the participantId a move names.',
			responses: { '200': jsonBody(ref('BoardParticipants'), 'The lists.'), ...readErrors }
		}
	},
	'/boards/{boardId}/moves': {
		parameters: boardIdParam,
		post: {
			operationId: 'moveParticipant',
			summary: 'Move a participant by hand',
			description:
				`${organiser} Into a workshop of the board as a confirmed seat (it must have a free seat), or off the board with toSessionId null. ` +
				'The old seat is released in the same transaction and goes to the first in line (B5).',
			requestBody: requestBody(ref('MoveInput')),
			responses: { '200': jsonBody(ref('SeatState'), 'Where the participant stands now.'), ...writeErrors, '409': conflict('The workshop is full') }
		}
	},
	'/sessions/{sessionId}/participants/export.csv': {
		parameters: sessionIdParam,
		get: {
			operationId: 'exportWorkshopParticipantsCsv',
			summary: "Export a workshop's participants as CSV",
			description:
				`${exportNote} Columns workshop, name, status (confirmed, waitlisted), position (waitlist place), signed_up_at. UTF-8 with ` +
				'byte order mark, CRLF, RFC 4180 quoting; text cells starting with = + - @, tab or CR get a leading apostrophe.',
			parameters: [delimiter],
			responses: { '200': download('text/csv', { type: 'string' }, 'The CSV file.'), ...readErrors, '400': resp('InvalidPayload') }
		}
	},
	'/sessions/{sessionId}/participants/export.json': {
		parameters: sessionIdParam,
		get: {
			operationId: 'exportWorkshopParticipantsJson',
			summary: "Export a workshop's participants as JSON",
			description: `${exportNote} The same fields as the CSV.`,
			responses: { '200': download('application/json', ref('ParticipantsExport'), 'The JSON file.'), ...readErrors }
		}
	},
	'/sessions/{sessionId}/report': {
		parameters: sessionIdParam,
		get: {
			operationId: 'getReport',
			summary: "A session's report-back",
			description: 'Needs session:moderate. Empty (updatedAt null) until saved.',
			responses: { '200': jsonBody(ref('ReportBack'), 'The report-back.'), ...readErrors }
		},
		put: {
			operationId: 'saveReport',
			summary: "Replace a session's report-back",
			description: 'Needs session:moderate. Questions and polls must be of this session (404 otherwise). Stage screens showing it update at once.',
			requestBody: requestBody(ref('ReportInput')),
			responses: { '200': jsonBody(ref('ReportBack'), 'The report-back as saved.'), ...writeErrors }
		}
	}
};
