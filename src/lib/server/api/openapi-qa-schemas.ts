import { HIDE_REASONS, MODERATE_ACTIONS, QA_LIMITS, QA_MODERATION, QUESTION_STATUS } from '../../shared/qa.ts';

/**
 * The Q&A schemas of the OpenAPI document (openapi-qa.ts puts them beside its paths): questions,
 * settings, moderation bodies, the stage snapshot and the export (Q1–Q10 in docs/SPEC.md).
 */
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const id = { type: 'string', description: 'Random, URL-safe identifier.' };
const isoTime = { type: ['string', 'null'], format: 'date-time', description: 'ISO 8601, UTC; null if not yet.' };

const status = {
	type: 'string',
	enum: [...QUESTION_STATUS],
	description: 'pending: waits for approval; approved: shown; answered: shown, done; hidden: only the asker and staff see it.'
};
const hideReason = { type: ['string', 'null'], enum: [...HIDE_REASONS, null], description: 'Why a hidden question is hidden; the asker sees it (Q5).' };
const channel = { type: 'string', enum: ['room', 'online'], description: "The asker's channel when they asked (Q7)." };
const plain = (max: number) => ({
	type: 'string',
	minLength: 1,
	maxLength: max,
	description: `Plain text, shown literally (Q8); trimmed, control characters other than line breaks removed; at most ${max} characters.`
});

export const qaParameters: Json = {
	questionId: { name: 'questionId', in: 'path', required: true, schema: { type: 'string' } }
};

export const qaSchemas: Json = {
	QaSettings: {
		type: 'object',
		required: ['sessionId', 'enabled', 'moderation'],
		properties: {
			sessionId: id,
			enabled: { type: 'boolean', description: 'Participants may ask and upvote (Q3). On by default.' },
			moderation: { type: 'string', enum: [...QA_MODERATION], description: 'post: questions are shown at once (default); pre: each waits for approval.' }
		}
	},
	QaSettingsPatch: {
		type: 'object',
		additionalProperties: false,
		properties: { enabled: { type: 'boolean' }, moderation: { type: 'string', enum: [...QA_MODERATION] } },
		description: 'The fields given change, the others stay. Unknown fields are refused with invalid_payload.'
	},
	Question: {
		type: 'object',
		description: "A question as its moderators see it. Never the asker's identity: only the name they chose to show.",
		required: [
			'id',
			'sessionId',
			'text',
			'name',
			'channel',
			'votes',
			'status',
			'pinned',
			'reply',
			'edited',
			'hideReason',
			'flagged',
			'createdAt',
			'answeredAt'
		],
		properties: {
			id,
			sessionId: id,
			text: { type: 'string', maxLength: QA_LIMITS.textLength },
			name: { type: ['string', 'null'], maxLength: QA_LIMITS.nameLength, description: 'The name the asker chose to show; null when asked anonymously.' },
			channel,
			votes: { type: 'integer', minimum: 0, description: 'Upvotes, one per participant (Q1).' },
			status,
			pinned: { type: 'boolean', description: 'Pinned questions come first (Q7); only an open, visible question is pinned.' },
			reply: { type: ['string', 'null'], maxLength: QA_LIMITS.replyLength, description: "The moderator's reply shown under the question." },
			edited: { type: 'boolean', description: 'The asker changed the text.' },
			hideReason,
			flagged: { type: 'boolean', description: "Held back because it matched the event's word list (Q6)." },
			createdAt: { type: 'string', format: 'date-time' },
			answeredAt: isoTime
		}
	},
	QuestionList: {
		type: 'object',
		required: ['settings', 'questions'],
		properties: { settings: ref('QaSettings'), questions: { type: 'array', items: ref('Question') } }
	},
	ModerateInput: {
		type: 'object',
		additionalProperties: false,
		required: ['action'],
		properties: {
			action: {
				type: 'string',
				enum: [...MODERATE_ACTIONS],
				description:
					'approve (also a hidden question back), hide, answer (marks it answered), reopen (an answered question), pin (an approved, open ' +
					'question), unpin. Hiding or answering unpins.'
			},
			reason: { type: 'string', enum: [...HIDE_REASONS], default: 'other', description: 'Only with hide.' }
		}
	},
	ReplyInput: {
		type: 'object',
		additionalProperties: false,
		required: ['reply'],
		properties: { reply: { oneOf: [plain(QA_LIMITS.replyLength), { type: 'null' }], description: 'null removes the reply.' } }
	},
	HighlightInput: {
		type: 'object',
		additionalProperties: false,
		properties: {
			top: { type: 'boolean', default: false, description: 'Show the five most upvoted questions beside it.' },
			expectedVersion: { type: 'integer', minimum: 0, description: 'Refuse with stale_version (409) unless the stage is at this version.' }
		},
		description: 'The body may be left out.'
	},
	TopInput: {
		type: 'object',
		additionalProperties: false,
		properties: { expectedVersion: { type: 'integer', minimum: 0, description: 'Refuse with stale_version (409) unless the stage is at this version.' } },
		description: 'The body may be left out.'
	},
	StageSnapshot: {
		type: 'object',
		required: ['sessionId', 'version', 'state'],
		description: 'What the stage screens of the session show now; the version grows by one per change (ST1).',
		properties: {
			sessionId: id,
			version: { type: 'integer', minimum: 1 },
			state: {
				oneOf: [
					{ type: 'object', required: ['mode'], properties: { mode: { const: 'idle' } } },
					{ type: 'object', required: ['mode', 'pollId', 'split'], properties: { mode: { const: 'poll' }, pollId: id, split: { type: 'boolean' } } },
					{
						type: 'object',
						required: ['mode', 'questionId', 'top'],
						properties: { mode: { const: 'question' }, questionId: { type: ['string', 'null'] }, top: { type: 'boolean' } }
					}
				]
			}
		}
	},
	ExportedQuestion: {
		type: 'object',
		description: 'One question of an export, without any participant identity (Q10).',
		required: ['id', 'session', 'text', 'name', 'votes', 'status', 'hideReason', 'reply', 'channel', 'createdAt', 'answeredAt'],
		properties: {
			id,
			session: { type: 'object', required: ['id', 'title'], properties: { id, title: { type: 'string' } } },
			text: { type: 'string' },
			name: { type: ['string', 'null'], description: 'Only where the asker gave one.' },
			votes: { type: 'integer', minimum: 0 },
			status,
			hideReason,
			reply: { type: ['string', 'null'] },
			channel,
			createdAt: { type: 'string', format: 'date-time' },
			answeredAt: isoTime
		}
	},
	QuestionsExport: {
		type: 'object',
		required: ['format', 'version', 'exportedAt', 'event', 'questions'],
		properties: {
			format: { const: 'plenum-questions' },
			version: { type: 'integer', const: 1 },
			exportedAt: { type: 'string', format: 'date-time' },
			event: { type: 'object', required: ['id', 'title', 'timeZone'], properties: { id, title: { type: 'string' }, timeZone: { type: 'string' } } },
			questions: { type: 'array', items: ref('ExportedQuestion'), description: 'By session in agenda order, then oldest first.' }
		}
	}
};
