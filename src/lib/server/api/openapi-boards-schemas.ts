import { BOARD_LIMITS, BOARD_MODES, BOARD_STATES } from '../../shared/boards.ts';

/**
 * The board schemas of the OpenAPI document (openapi-boards.ts puts them beside its paths):
 * boards, workshops, lists of participants, moves, report-backs and the participants export
 * (B1–B10 in docs/SPEC.md). Helpers are repeated rather than imported from openapi.ts.
 */
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const id = { type: 'string', description: 'Random, URL-safe identifier.' };
const isoTime = { type: ['string', 'null'], format: 'date-time', description: 'ISO 8601, UTC; null if not yet.' };
const deadline = {
	type: ['string', 'null'],
	format: 'date-time',
	description: 'Lottery: rankings are taken until this instant. ISO 8601 with Z or an offset (2026-05-04T12:00:00Z); required for a lottery.',
	examples: ['2026-05-04T12:00:00Z']
};
const localDateTime = { type: 'string', description: "Agenda time: wall-clock time in the event's time zone, YYYY-MM-DDTHH:MM." };
const title = { type: 'string', minLength: 1, maxLength: BOARD_LIMITS.titleLength, description: 'Trimmed.' };
const mode = {
	type: 'string',
	enum: [...BOARD_MODES],
	description: 'fcfs: first come, first served with a waitlist; lottery: ranked choices until a deadline, then one draw.'
};
const capacity = { type: 'integer', minimum: 0, maximum: BOARD_LIMITS.maxCapacity, description: 'Seats. Lowering it evicts nobody (B5).' };
const description = { type: 'string', maxLength: BOARD_LIMITS.descriptionLength, default: '', description: 'Short description; trimmed.' };
const status = { type: 'string', enum: ['confirmed', 'waitlisted'] };
const position = { type: ['integer', 'null'], minimum: 1, description: '1-based place on the waitlist; null for a confirmed seat.' };

export const boardParameters: Json = {
	boardId: { name: 'boardId', in: 'path', required: true, schema: { type: 'string' } }
};

export const boardSchemas: Json = {
	Workshop: {
		type: 'object',
		description: 'A workshop session of the board with its seats.',
		required: ['sessionId', 'title', 'room', 'description', 'startsAt', 'endsAt', 'capacity', 'confirmed', 'waitlisted', 'seatsLeft', 'leads'],
		properties: {
			sessionId: id,
			title: { type: 'string' },
			room: { type: 'string' },
			description: { type: 'string' },
			startsAt: localDateTime,
			endsAt: localDateTime,
			capacity,
			confirmed: { type: 'integer', minimum: 0, description: 'Confirmed seats; above capacity only after the capacity was lowered.' },
			waitlisted: { type: 'integer', minimum: 0 },
			seatsLeft: { type: 'integer', minimum: 0, description: 'capacity − confirmed, never below 0.' },
			leads: { type: 'array', items: { type: 'string' }, description: "Names of the workshop's leads." }
		}
	},
	DrawSummary: {
		type: 'object',
		required: ['byRank', 'none', 'entrants'],
		properties: {
			byRank: {
				type: 'array',
				items: { type: 'integer', minimum: 0 },
				minItems: 3,
				maxItems: 3,
				description: 'How many entrants got their first, second and third choice.'
			},
			none: { type: 'integer', minimum: 0, description: 'Entrants without a seat.' },
			entrants: { type: 'integer', minimum: 0 }
		}
	},
	Board: {
		type: 'object',
		description: 'One time slot of the agenda with its parallel workshops (B1–B9).',
		required: ['id', 'eventId', 'title', 'mode', 'state', 'lotteryDeadline', 'seedHash', 'seed', 'drawnAt', 'drawSummary', 'workshops'],
		properties: {
			id,
			eventId: id,
			title: { type: 'string' },
			mode,
			state: {
				type: 'string',
				enum: [...BOARD_STATES],
				description: 'draft: only staff see it; open: sign-up (or ranking) runs; closed: nothing changes for participants.'
			},
			lotteryDeadline: deadline,
			seedHash: { type: ['string', 'null'], description: 'Lottery: SHA-256 (hex) of the seed, published from the start (B7).' },
			seed: { type: ['string', 'null'], description: 'Lottery: the seed, revealed after the draw; null before.' },
			drawnAt: isoTime,
			drawSummary: { oneOf: [ref('DrawSummary'), { type: 'null' }] },
			workshops: { type: 'array', items: ref('Workshop'), description: 'In the order they were added.' }
		}
	},
	BoardList: { type: 'object', required: ['boards'], properties: { boards: { type: 'array', items: ref('Board') } } },
	BoardInput: {
		type: 'object',
		additionalProperties: false,
		required: ['title'],
		properties: { title, mode: { ...mode, default: 'fcfs' }, lotteryDeadline: { ...deadline, default: null } }
	},
	BoardPatch: {
		type: 'object',
		additionalProperties: false,
		properties: { title, mode, lotteryDeadline: deadline },
		description:
			'The fields given are merged into the board and the whole is validated. The mode changes only while the board is a draft, the ' +
			'deadline only until the draw (409 otherwise).'
	},
	WorkshopInput: {
		type: 'object',
		additionalProperties: false,
		required: ['sessionId', 'capacity'],
		properties: { sessionId: { ...id, description: 'A session of the same event that is on no board yet.' }, capacity, description }
	},
	WorkshopPatch: {
		type: 'object',
		additionalProperties: false,
		properties: { capacity, description },
		description: 'The fields given change, the others stay. Raising the capacity promotes from the waitlist at once.'
	},
	BoardParticipant: {
		type: 'object',
		required: ['participantId', 'name', 'status', 'position', 'signedUpAt'],
		properties: {
			participantId: { ...id, description: 'For moves only; never in the file exports.' },
			name: { type: ['string', 'null'], description: 'The display name the participant chose; null if none.' },
			status,
			position,
			signedUpAt: { type: 'string', format: 'date-time' }
		}
	},
	BoardParticipants: {
		type: 'object',
		required: ['boardId', 'workshops'],
		properties: {
			boardId: id,
			workshops: {
				type: 'array',
				items: {
					type: 'object',
					required: ['sessionId', 'title', 'capacity', 'confirmed', 'waitlist'],
					properties: {
						sessionId: id,
						title: { type: 'string' },
						capacity: { type: 'integer', minimum: 0 },
						confirmed: { type: 'array', items: ref('BoardParticipant'), description: 'By sign-up time; those promoted from the waitlist after the others.' },
						waitlist: { type: 'array', items: ref('BoardParticipant'), description: 'In order: position 1, 2, 3 …' }
					}
				}
			}
		}
	},
	MoveInput: {
		type: 'object',
		additionalProperties: false,
		required: ['participantId', 'toSessionId'],
		properties: {
			participantId: id,
			toSessionId: { type: ['string', 'null'], description: 'A workshop of this board; null takes the participant off the board.' }
		}
	},
	SeatState: {
		type: 'object',
		description: 'Where a participant stands on a board.',
		required: ['boardId', 'participantId', 'sessionId', 'status', 'position', 'choices', 'drawnRank'],
		properties: {
			boardId: id,
			participantId: id,
			sessionId: { type: ['string', 'null'], description: 'The workshop they hold a seat in or wait for; null for none.' },
			status: { type: ['string', 'null'], enum: ['confirmed', 'waitlisted', null] },
			position,
			choices: { type: ['array', 'null'], items: { type: 'string' }, description: 'Lottery: the ranked workshops, first choice first.' },
			drawnRank: { type: ['integer', 'null'], minimum: 0, maximum: 3, description: 'After the draw: the rank that got a seat, 0 for none.' }
		}
	},
	ReportBack: {
		type: 'object',
		description: 'What a workshop brings back to the plenary (B10).',
		required: ['sessionId', 'title', 'summary', 'questions', 'polls', 'updatedAt'],
		properties: {
			sessionId: id,
			title: { type: 'string', description: "The session's title." },
			summary: { type: 'string', maxLength: 2000, description: 'Plain text; show it literally.' },
			questions: {
				type: 'array',
				description: 'The picked questions that are still shown (approved or answered), in the order picked.',
				items: {
					type: 'object',
					required: ['id', 'text', 'name', 'votes', 'reply'],
					properties: {
						id,
						text: { type: 'string' },
						name: { type: ['string', 'null'] },
						votes: { type: 'integer', minimum: 0 },
						reply: { type: ['string', 'null'] }
					}
				}
			},
			polls: {
				type: 'array',
				description: 'The picked polls that ran (not drafts), with their results of everyone.',
				items: {
					type: 'object',
					required: ['id', 'question', 'kind', 'options', 'results'],
					properties: {
						id,
						question: { type: 'string' },
						kind: { type: 'string' },
						options: { type: 'array', items: { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: { type: 'string' } } } },
						results: ref('Tally')
					}
				}
			},
			updatedAt: isoTime
		}
	},
	ReportInput: {
		type: 'object',
		additionalProperties: false,
		description: 'Replaces the report-back; fields left out are empty.',
		properties: {
			summary: { type: 'string', maxLength: 2000, default: '', description: 'Trimmed.' },
			questionIds: { type: 'array', items: id, maxItems: 10, uniqueItems: true, default: [], description: 'Questions of this session.' },
			pollIds: { type: 'array', items: id, maxItems: 5, uniqueItems: true, default: [], description: 'Polls of this session.' }
		}
	},
	ParticipantsExport: {
		type: 'object',
		required: ['format', 'version', 'exportedAt', 'event', 'workshop', 'participants'],
		properties: {
			format: { const: 'plenum-participants' },
			version: { type: 'integer', const: 1 },
			exportedAt: { type: 'string', format: 'date-time' },
			event: { type: 'object', required: ['id', 'title', 'timeZone'], properties: { id, title: { type: 'string' }, timeZone: { type: 'string' } } },
			workshop: {
				type: 'object',
				required: ['id', 'title', 'room', 'startsAt', 'endsAt', 'capacity', 'board'],
				properties: {
					id,
					title: { type: 'string' },
					room: { type: 'string' },
					startsAt: localDateTime,
					endsAt: localDateTime,
					capacity: { type: 'integer', minimum: 0 },
					board: { type: 'string', description: "The board's title." }
				}
			},
			participants: {
				type: 'array',
				description: 'Confirmed first (by sign-up time, those promoted from the waitlist after the others), then the waitlist in order. No participant ids.',
				items: {
					type: 'object',
					required: ['workshop', 'name', 'status', 'position', 'signedUpAt'],
					properties: {
						workshop: { type: 'string', description: "The workshop's title." },
						name: { type: ['string', 'null'] },
						status,
						position,
						signedUpAt: { type: 'string', format: 'date-time' }
					}
				}
			}
		}
	}
};
