import { m } from '#lib/paraglide/messages.js';
import type { StageState } from '#lib/shared/stage.ts';

/** What the stage shows, in words; a poll is named by its question when the view knows it. */
export function stageModeLabel(
	state: StageState,
	questionOf: (pollId: string) => string | undefined = () => undefined,
	questionTextOf: (questionId: string) => string | undefined = () => undefined,
	titleOf: (boardOrSessionId: string) => string | undefined = () => undefined
): string {
	switch (state.mode) {
		case 'idle':
			return m.mod_stage_mode_idle();
		case 'poll': {
			const question = questionOf(state.pollId);
			if (question === undefined) return state.split ? m.mod_stage_mode_poll_split() : m.mod_stage_mode_poll();
			return state.split ? m.pollmod_stage_mode_poll_split({ question }) : m.pollmod_stage_mode_poll({ question });
		}
		case 'question': {
			const text = state.questionId === null ? undefined : questionTextOf(state.questionId);
			return text === undefined ? m.qamod_stage_mode_top() : m.qamod_stage_mode_question({ question: text });
		}
		case 'board':
			return state.view === 'draw'
				? m.boardmod_stage_mode_draw({ title: titleOf(state.boardId) ?? '' })
				: m.boardmod_stage_mode_seats({ title: titleOf(state.boardId) ?? '' });
		case 'report':
			return m.boardmod_stage_mode_report({ title: titleOf(state.sessionId) ?? '' });
	}
}
