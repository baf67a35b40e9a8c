/**
 * What a stage screen shows. Persisted with a version number (rule ST1 in docs/SPEC.md); later
 * features add modes to this union.
 */
export type StageState =
	| { mode: 'idle' }
	| { mode: 'poll'; pollId: string; split: boolean }
	/** A highlighted question (null: none) and, with `top`, the five most upvoted beside it (Q9). */
	| { mode: 'question'; questionId: string | null; top: boolean }
	/** A workshop board with its seats left, or the lottery's result summary (B9). */
	| { mode: 'board'; boardId: string; view: 'seats' | 'draw' }
	/** A workshop's report-back, shown in the closing plenary (B10). */
	| { mode: 'report'; sessionId: string };
export const IDLE_STAGE: StageState = { mode: 'idle' };

/** A newer snapshot replaces an older one, never the reverse (rule ST2). */
export function isNewer(incoming: { version: number }, current: { version: number } | null): boolean {
	return current === null || incoming.version > current.version;
}
