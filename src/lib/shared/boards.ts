import { z } from 'zod';

/**
 * Workshop sign-up boards: one time slot's parallel workshops with their seats, filled first come,
 * first served with a waitlist, or by a lottery over ranked choices. Shared by the phones, the
 * organiser's and leads' views, the stage, the JSON API, the socket protocol and the domain.
 * Rules B1–B10 in docs/SPEC.md.
 */
export const BOARD_MODES = ['fcfs', 'lottery'] as const;
export type BoardMode = (typeof BOARD_MODES)[number];
/** draft: being prepared, phones do not see it; open: sign-up (or ranking) runs; closed: nothing changes. */
export const BOARD_STATES = ['draft', 'open', 'closed'] as const;
export type BoardState = (typeof BOARD_STATES)[number];
export type SeatStatus = 'confirmed' | 'waitlisted';

export const BOARD_LIMITS = {
	titleLength: 200,
	descriptionLength: 1000,
	maxCapacity: 10_000,
	/** Ranked choices in a lottery: first, second, third. */
	maxChoices: 3,
	maxWorkshops: 50
} as const;

export interface PublicWorkshop {
	sessionId: string;
	title: string;
	room: string;
	description: string;
	startsAt: string;
	endsAt: string;
	capacity: number;
	confirmed: number;
	waitlisted: number;
	/** Never below 0, also when a capacity was lowered under the confirmed seats. */
	seatsLeft: number;
	leads: string[];
}

export interface DrawSummary {
	/** How many entrants got their first, second, third choice, and how many none. */
	byRank: [number, number, number];
	none: number;
	entrants: number;
}

export interface PublicBoard {
	id: string;
	eventId: string;
	title: string;
	mode: BoardMode;
	state: BoardState;
	/** Lottery: rankings are taken until then (epoch ms). */
	lotteryDeadline: number | null;
	/** Lottery: SHA-256 of the seed, published before the deadline (B7). */
	seedHash: string | null;
	/** Lottery: the seed itself, revealed once drawn. */
	seed: string | null;
	drawnAt: number | null;
	drawSummary: DrawSummary | null;
	workshops: PublicWorkshop[];
}

export interface MyBoardState {
	boardId: string;
	/** The workshop the participant holds a seat in or waits for. */
	sessionId: string | null;
	status: SeatStatus | null;
	/** 1-based place on the waitlist. */
	position: number | null;
	/** Lottery: the ranked choices given. */
	choices: string[] | null;
	/** Lottery, after the draw: the rank of the choice that got a seat (1–3), 0 for none. */
	drawnRank: number | null;
}

/** Seat counts of the workshops that changed, on a tick (B9). */
export interface SeatCounts {
	boardId: string;
	seq: number;
	state: BoardState;
	workshops: Pick<PublicWorkshop, 'sessionId' | 'capacity' | 'confirmed' | 'waitlisted' | 'seatsLeft'>[];
}

export interface BoardParticipant {
	participantId: string;
	name: string | null;
	status: SeatStatus;
	position: number | null;
	signedUpAt: number;
}

/** What a workshop lead sends back to the plenary (B10). */
export interface ReportBack {
	sessionId: string;
	title: string;
	summary: string;
	questions: { id: string; text: string; name: string | null; votes: number; reply: string | null }[];
	polls: {
		id: string;
		question: string;
		kind: string;
		options: { id: string; label: string }[];
		config: import('./polls.ts').PollConfig;
		results: import('./polls.ts').Tally;
	}[];
	updatedAt: number | null;
}

const id = z.string().min(1).max(64);
export const reportInput = z.object({
	summary: z.string().trim().max(2000).default(''),
	questionIds: z.array(id).max(10).default([]),
	pollIds: z.array(id).max(5).default([])
});
export type ReportInput = z.infer<typeof reportInput>;
export const boardInput = z.object({
	title: z.string().trim().min(1).max(BOARD_LIMITS.titleLength),
	mode: z.enum(BOARD_MODES).default('fcfs'),
	/** Epoch milliseconds; required for a lottery. */
	lotteryDeadline: z.number().int().positive().nullable().default(null)
});
export type BoardInput = z.infer<typeof boardInput>;

export const workshopInput = z.object({
	sessionId: id,
	capacity: z.number().int().min(0).max(BOARD_LIMITS.maxCapacity),
	description: z.string().trim().max(BOARD_LIMITS.descriptionLength).default('')
});
export type WorkshopInput = z.infer<typeof workshopInput>;

export const choicesInput = z
	.array(id)
	.min(1)
	.max(BOARD_LIMITS.maxChoices)
	.refine((c) => new Set(c).size === c.length, 'each workshop once');

export function seatsLeft(w: { capacity: number; confirmed: number }): number {
	return Math.max(0, w.capacity - w.confirmed);
}
