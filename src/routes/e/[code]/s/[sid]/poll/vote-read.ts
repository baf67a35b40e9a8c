import type { Answer } from '#lib/shared/polls.ts';

/** What a kind's inputs hold when "send" is pressed: a valid answer, or what is missing. */
export type VoteRead = { answer: Answer } | { error: string };

/**
 * Each kind's inputs hand the form one function that reads them. The form owns submitting,
 * the error and the buttons; the inputs own their state.
 */
export interface KindProps<A extends Answer['kind']> {
	poll: import('#lib/shared/polls.ts').PublicPoll;
	/** The answer to start from: the vote being changed, or one the server refused. */
	initial: Extract<Answer, { kind: A }> | null;
	register(read: () => VoteRead): void;
	/** Id of the question heading, which names the group. */
	labelledBy: string;
	/** Id of the error message while there is one. */
	describedBy: string | undefined;
}
