import { QUESTION_STATUS } from '../../shared/qa.ts';

/**
 * The Q&A part of the OpenAPI document (openapi.ts spreads it in): the paths of questions, their
 * moderation, the stage and the exports (Q1–Q10 in docs/SPEC.md); the schemas are in
 * openapi-qa-schemas.ts. Helpers are repeated rather than imported from openapi.ts, so that the
 * modules do not depend on each other's load order.
 */
export { qaParameters, qaSchemas } from './openapi-qa-schemas.ts';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const resp = (name: string) => ({ $ref: `#/components/responses/${name}` });
const jsonBody = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
const requestBody = (schema: Json, required = true) => ({ required, content: { 'application/json': { schema } } });
const conflict = (description: string) => ({
	description: `${description} (code conflict or stale_version).`,
	content: { 'application/json': { schema: ref('Error') } }
});

const commonErrors = { '401': resp('Unauthorized'), '500': resp('Internal') };
/** Q&A operations need session:moderate: owner, moderator, or the lead of the question's session. */
const readErrors = { ...commonErrors, '403': resp('Forbidden'), '404': resp('NotFound') };
const writeErrors = { ...readErrors, '400': resp('InvalidPayload'), '413': resp('PayloadTooLarge'), '415': resp('UnsupportedMediaType') };
const sessionIdParam = [{ $ref: '#/components/parameters/sessionId' }];
const eventIdParam = [{ $ref: '#/components/parameters/eventId' }];
const questionIdParam = [{ $ref: '#/components/parameters/questionId' }];

const csvDescription =
	'One row per question: question_id, session, question, name, votes, status, hide_reason, reply, channel, created_at, answered_at ' +
	'(Q10). UTF-8 with byte order mark, CRLF line ends, RFC 4180 quoting; text cells starting with = + - @, tab or CR get a leading ' +
	'apostrophe (P10). No participant identities; a name only where the asker gave one. Available at any time.';
const delimiter = {
	name: 'delimiter',
	in: 'query',
	required: false,
	description: 'semicolon: ";" between cells, as spreadsheets in German locales expect.',
	schema: { type: 'string', enum: ['comma', 'semicolon'], default: 'comma' }
};
const download = (mediaType: string, schema: Json, description: string) => ({
	description,
	headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="plenum-questions-….csv"' } },
	content: { [mediaType]: { schema } }
});
const csvExport = (operationId: string, summary: string, params: Json[]) => ({
	parameters: params,
	get: {
		operationId,
		summary,
		description: csvDescription,
		parameters: [delimiter],
		responses: { '200': download('text/csv', { type: 'string' }, 'The CSV file.'), ...readErrors, '400': resp('InvalidPayload') }
	}
});
const jsonExport = (operationId: string, summary: string, params: Json[]) => ({
	parameters: params,
	get: {
		operationId,
		summary,
		description: 'The questions with the same fields as the CSV, without participant identities (Q10). Available at any time.',
		responses: { '200': download('application/json', ref('QuestionsExport'), 'The JSON file.'), ...readErrors }
	}
});
const stageResponse = (description: string) => jsonBody(ref('StageSnapshot'), description);

export const qaPaths: Json = {
	'/sessions/{sessionId}/questions': {
		parameters: sessionIdParam,
		get: {
			operationId: 'listQuestions',
			summary: "A session's questions",
			description:
				'Needs session:moderate. Every question of the session, also waiting and hidden ones, with the Q&A settings. order=votes (default): ' +
				'pinned first, then by votes, older first on a tie; time: pinned first, then newest first; fair: the fair queue of the open ' +
				'questions (pinned first, then room and online in turn, Q7), followed by every other question by votes.',
			parameters: [
				{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...QUESTION_STATUS] }, description: 'Only questions in this state.' },
				{ name: 'order', in: 'query', required: false, schema: { type: 'string', enum: ['votes', 'time', 'fair'], default: 'votes' } }
			],
			responses: { '200': jsonBody(ref('QuestionList'), 'The questions.'), ...readErrors, '400': resp('InvalidPayload') }
		}
	},
	'/sessions/{sessionId}/questions/top': {
		parameters: sessionIdParam,
		post: {
			operationId: 'showTopQuestions',
			summary: 'Show the top five on the stage',
			description: 'Needs session:moderate. The stage shows the five most upvoted open questions, none highlighted (Q9).',
			requestBody: requestBody(ref('TopInput'), false),
			responses: { '200': stageResponse('The new stage snapshot.'), ...writeErrors, '409': conflict('expectedVersion is not the current version') }
		}
	},
	'/sessions/{sessionId}/questions/export.csv': csvExport('exportSessionQuestionsCsv', "Export a session's questions as CSV", sessionIdParam),
	'/sessions/{sessionId}/questions/export.json': jsonExport('exportSessionQuestionsJson', "Export a session's questions as JSON", sessionIdParam),
	'/events/{eventId}/questions/export.csv': csvExport('exportEventQuestionsCsv', "Export an event's questions as CSV", eventIdParam),
	'/events/{eventId}/questions/export.json': jsonExport('exportEventQuestionsJson', "Export an event's questions as JSON", eventIdParam),
	'/sessions/{sessionId}/qa': {
		parameters: sessionIdParam,
		get: {
			operationId: 'getQaSettings',
			summary: "A session's Q&A settings",
			description: 'Needs session:moderate.',
			responses: { '200': jsonBody(ref('QaSettings'), 'The settings.'), ...readErrors }
		},
		patch: {
			operationId: 'updateQaSettings',
			summary: "Change a session's Q&A settings",
			description: 'Needs session:moderate. Switching the Q&A off refuses new questions and upvotes; pre-moderation holds every new or edited question.',
			requestBody: requestBody(ref('QaSettingsPatch')),
			responses: { '200': jsonBody(ref('QaSettings'), 'The settings now.'), ...writeErrors }
		}
	},
	'/questions/{questionId}': {
		parameters: questionIdParam,
		get: {
			operationId: 'getQuestion',
			summary: 'One question',
			description: "Needs session:moderate on the question's session.",
			responses: { '200': jsonBody(ref('Question'), 'The question.'), ...readErrors }
		}
	},
	'/questions/{questionId}/moderate': {
		parameters: questionIdParam,
		post: {
			operationId: 'moderateQuestion',
			summary: 'Approve, hide, answer, reopen, pin or unpin',
			description: 'Each action sets a state, so sending it again changes nothing (Q5). reopen needs an answered question, pin an approved one.',
			requestBody: requestBody(ref('ModerateInput')),
			responses: {
				'200': jsonBody(ref('Question'), 'The question after the action.'),
				...writeErrors,
				'409': conflict('The question is not in a state that allows this')
			}
		}
	},
	'/questions/{questionId}/reply': {
		parameters: questionIdParam,
		post: {
			operationId: 'replyToQuestion',
			summary: 'Reply to a question',
			description: 'The reply is shown under the question to everyone who sees it; null removes it.',
			requestBody: requestBody(ref('ReplyInput')),
			responses: { '200': jsonBody(ref('Question'), 'The question with its reply.'), ...writeErrors }
		}
	},
	'/questions/{questionId}/highlight': {
		parameters: questionIdParam,
		post: {
			operationId: 'highlightQuestion',
			summary: 'Show a question on the stage',
			description:
				"Needs session:moderate. The session's stage shows the question in large type with its votes and room/online mark, optionally " +
				'with the top five beside it (Q9). A waiting question is approved by this; a hidden one is refused (409).',
			requestBody: requestBody(ref('HighlightInput'), false),
			responses: {
				'200': stageResponse('The new stage snapshot.'),
				...writeErrors,
				'409': conflict('The question is hidden, or expectedVersion is not current')
			}
		}
	}
};
