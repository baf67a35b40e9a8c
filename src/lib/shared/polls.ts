import { z } from 'zod';

/**
 * Polls: the six kinds, their settings, what a vote looks like for each, and the shape of
 * results. Shared by the moderator's forms, the JSON API, the socket protocol and the domain.
 * Rules P1–P9 in docs/SPEC.md.
 */
export const POLL_KINDS = ['single', 'multiple', 'scale', 'wordcloud', 'open', 'ranking'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const RESULTS_VISIBILITY = ['live', 'after_close', 'never'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number];
export type PollState = 'draft' | 'open' | 'closed';

/** Limits with their reasons: a phone screen shows ~12 options; a word is a word, not a sentence. */
export const POLL_LIMITS = {
	maxOptions: 20,
	optionLength: 120,
	questionLength: 300,
	wordLength: 40,
	maxWordEntries: 10,
	openTextLength: 500,
	scaleMin: 0,
	scaleMax: 10
} as const;

export interface PollOption {
	id: string;
	label: string;
}

export interface PollConfig {
	/** multiple: how many options one may pick (1..options). */
	maxChoices?: number;
	/** scale: range and the labels of both ends. */
	scaleMin?: number;
	scaleMax?: number;
	labelMin?: string;
	labelMax?: string;
	/** wordcloud: entries per participant. */
	maxEntries?: number;
	/** open: answers wait for approval (true) or show directly (false). */
	moderated?: boolean;
}

/** What the moderator prepares. Options only for single, multiple and ranking. */
export const pollInput = z
	.object({
		kind: z.enum(POLL_KINDS),
		question: z.string().trim().min(1).max(POLL_LIMITS.questionLength),
		options: z.array(z.string().trim().min(1).max(POLL_LIMITS.optionLength)).max(POLL_LIMITS.maxOptions).default([]),
		maxChoices: z.number().int().min(1).max(POLL_LIMITS.maxOptions).optional(),
		scaleMin: z.number().int().min(POLL_LIMITS.scaleMin).max(POLL_LIMITS.scaleMax).optional(),
		scaleMax: z.number().int().min(POLL_LIMITS.scaleMin).max(POLL_LIMITS.scaleMax).optional(),
		labelMin: z.string().trim().max(60).optional(),
		labelMax: z.string().trim().max(60).optional(),
		maxEntries: z.number().int().min(1).max(POLL_LIMITS.maxWordEntries).optional(),
		moderated: z.boolean().optional(),
		allowChange: z.boolean().default(true),
		resultsVisibility: z.enum(RESULTS_VISIBILITY).default('live'),
		showNames: z.boolean().default(false)
	})
	.superRefine((p, ctx) => {
		const needsOptions = p.kind === 'single' || p.kind === 'multiple' || p.kind === 'ranking';
		if (needsOptions && p.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'at least two options' });
		if (needsOptions && new Set(p.options.map((o) => o.toLowerCase())).size !== p.options.length)
			ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must differ' });
		if (p.kind === 'multiple' && p.maxChoices !== undefined && p.maxChoices > p.options.length)
			ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: 'more choices than options' });
		if (p.kind === 'scale' && (p.scaleMin ?? 1) >= (p.scaleMax ?? 5)) ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: 'the scale must go up' });
	});
export type PollInput = z.infer<typeof pollInput>;

/**
 * A vote's answer, by kind: an option id; a set of option ids; a number; up to N words; a text;
 * an ordering of every option id. The domain checks it against the poll (P5).
 */
export const answerSchema = z.union([
	z.object({ kind: z.literal('single'), optionId: z.string().max(64) }),
	z.object({ kind: z.literal('multiple'), optionIds: z.array(z.string().max(64)).max(POLL_LIMITS.maxOptions) }),
	z.object({ kind: z.literal('scale'), value: z.number().int() }),
	z.object({ kind: z.literal('wordcloud'), words: z.array(z.string().max(200)).max(POLL_LIMITS.maxWordEntries) }),
	z.object({ kind: z.literal('open'), text: z.string().max(2000) }),
	z.object({ kind: z.literal('ranking'), optionIds: z.array(z.string().max(64)).max(POLL_LIMITS.maxOptions) })
]);
export type Answer = z.infer<typeof answerSchema>;

/**
 * Word-cloud entries are counted after normalisation (P6): Unicode NFKC, lower case (locale
 * independent), inner whitespace collapsed, outer whitespace and punctuation trimmed.
 */
export function normalizeWord(raw: string): string {
	return raw
		.normalize('NFKC')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** Results of one group of voters (everyone, in the room, or online). */
export type Tally =
	| { kind: 'single' | 'multiple'; voters: number; counts: Record<string, number> }
	| { kind: 'scale'; voters: number; distribution: Record<string, number>; average: number | null }
	| { kind: 'wordcloud'; voters: number; words: { word: string; count: number }[] }
	| { kind: 'open'; voters: number; answers: { id: string; text: string; name: string | null }[]; pending: number }
	| { kind: 'ranking'; voters: number; averageRank: Record<string, number | null>; borda: Record<string, number> };

/** What clients receive on the tick: a full snapshot with a per-poll sequence number (P8). */
export interface ResultsSnapshot {
	pollId: string;
	seq: number;
	state: PollState;
	all: Tally;
	room: Tally;
	online: Tally;
}

/** A poll as participants see it: no results unless visible, no other people's answers. */
export interface PublicPoll {
	id: string;
	sessionId: string;
	kind: PollKind;
	question: string;
	options: PollOption[];
	config: PollConfig;
	state: PollState;
	allowChange: boolean;
	resultsVisible: boolean;
	showNames: boolean;
}
