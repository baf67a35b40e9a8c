import { z } from 'zod';

/**
 * Q&A: questions, upvotes, moderation. Shared by the audience page, the moderator view, the stage,
 * the JSON API, the socket protocol and the domain. Rules Q1–Q10 in docs/SPEC.md.
 */
export const QA_LIMITS = {
	/** A question is a question, not an essay; long enough for context, short enough for a stage. */
	textLength: 500,
	replyLength: 1000,
	nameLength: 60,
	/** Public snapshots carry the top questions by votes plus the newest (Q8). */
	publicTop: 100,
	publicNewest: 100,
	/** The moderator's snapshot: every pending question and the most relevant others. */
	staffMax: 1000,
	/** The stage's optional list. */
	stageTop: 5,
	wordListEntries: 500,
	wordLength: 60
} as const;

export const QA_MODERATION = ['post', 'pre'] as const;
export type QaModeration = (typeof QA_MODERATION)[number];
/** pending: waits for approval; approved: visible; answered: visible, done; hidden: only the asker and staff see it. */
export const QUESTION_STATUS = ['pending', 'approved', 'answered', 'hidden'] as const;
export type QuestionStatus = (typeof QUESTION_STATUS)[number];
/** The short list of reasons the asker is shown when a question is hidden (transparent moderation). */
export const HIDE_REASONS = ['off_topic', 'duplicate', 'offensive', 'personal_data', 'other'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];
export const MODERATE_ACTIONS = ['approve', 'hide', 'answer', 'reopen', 'pin', 'unpin'] as const;
export type ModerateAction = (typeof MODERATE_ACTIONS)[number];
export type Channel = 'room' | 'online';

export interface QaSettings {
	sessionId: string;
	enabled: boolean;
	moderation: QaModeration;
}

/** What everyone may see of a visible (approved or answered) question. */
export interface PublicQuestion {
	id: string;
	sessionId: string;
	text: string;
	/** The name the asker chose to show; null when asked anonymously. */
	name: string | null;
	channel: Channel;
	votes: number;
	status: 'approved' | 'answered';
	pinned: boolean;
	reply: string | null;
	edited: boolean;
	createdAt: number;
	answeredAt: number | null;
}

/** The moderator's view adds what is not public. */
export interface StaffQuestion extends Omit<PublicQuestion, 'status'> {
	status: QuestionStatus;
	hideReason: HideReason | null;
	/** Held back because it matched the word list. */
	flagged: boolean;
}

/** The asker's own question, including a hidden one with its reason (Q5). */
export type MyQuestion = StaffQuestion;

export interface QaSnapshot {
	sessionId: string;
	/** Grows by one per snapshot of this session on this process; a client ignores older ones. */
	seq: number;
	settings: QaSettings;
	/** How many questions the snapshot would hold without the top-N cut. */
	total: number;
}
export interface PublicQaSnapshot extends QaSnapshot {
	questions: PublicQuestion[];
}
export interface StaffQaSnapshot extends QaSnapshot {
	questions: StaffQuestion[];
}
export interface MyQaView {
	sessionId: string;
	questions: MyQuestion[];
	/** Ids of the questions of this session the participant upvoted. */
	upvoted: string[];
}

/** Plain text, trimmed, NFC; control characters other than line breaks removed. */
export function cleanText(s: string): string {
	return (
		s
			.normalize('NFC')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
			.replace(/\n{3,}/g, '\n\n')
			.trim()
	);
}

const text = (max: number) =>
	z
		.string()
		.max(max * 2)
		.transform(cleanText)
		.pipe(z.string().min(1, 'empty text').max(max, `at most ${max} characters`));
export const questionText = text(QA_LIMITS.textLength);
export const replyText = text(QA_LIMITS.replyLength);
export const askerName = z
	.string()
	.max(QA_LIMITS.nameLength * 2)
	.transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
	.pipe(z.string().max(QA_LIMITS.nameLength, `a name has at most ${QA_LIMITS.nameLength} characters`))
	.nullable()
	.transform((s) => (s ? s : null));

export const qaSettingsInput = z.object({ enabled: z.boolean().optional(), moderation: z.enum(QA_MODERATION).optional() });
export type QaSettingsInput = z.infer<typeof qaSettingsInput>;

/** Votes first, then older first: the earlier question had longer to collect votes. */
export function byVotes<Q extends { votes: number; createdAt: number; id: string }>(a: Q, b: Q): number {
	return b.votes - a.votes || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
export function byTime<Q extends { createdAt: number; id: string }>(a: Q, b: Q): number {
	return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The fair queue (Q7): the open questions from the room and from online, each by votes, taken in
 * turn so that neither group dominates. The group whose best question has more votes starts (a tie
 * goes to the older question); when one group runs out, the other follows in its own order.
 * Pinned questions come first, answered ones are not in the queue.
 */
export function fairQueue<Q extends { channel: Channel; votes: number; createdAt: number; id: string; pinned: boolean; status: string }>(
	questions: readonly Q[]
): Q[] {
	const open = questions.filter((q) => q.status === 'approved');
	const pinned = open.filter((q) => q.pinned).sort(byVotes);
	const rest = open.filter((q) => !q.pinned);
	const room = rest.filter((q) => q.channel === 'room').sort(byVotes);
	const online = rest.filter((q) => q.channel === 'online').sort(byVotes);
	const out: Q[] = [...pinned];
	const [a, b] = room[0] && (!online[0] || byVotes(room[0], online[0]) <= 0) ? [room, online] : [online, room];
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		if (i < a.length) out.push(a[i]!);
		if (i < b.length) out.push(b[i]!);
	}
	return out;
}

/** The order of the audience's and the moderator's lists: pinned first, then by votes or by time. */
export function sortQuestions<Q extends { votes: number; createdAt: number; id: string; pinned: boolean }>(
	questions: readonly Q[],
	order: 'votes' | 'time'
): Q[] {
	const cmp = order === 'votes' ? byVotes : byTime;
	return [...questions].sort((x, y) => Number(y.pinned) - Number(x.pinned) || cmp(x, y));
}
