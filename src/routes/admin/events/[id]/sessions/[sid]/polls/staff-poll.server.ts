import { resultsVisibleToAudience, type PollRecord } from '#lib/server/polls/service.ts';
import type { StaffPoll } from './staff-poll.ts';

/** The moderator's view of a stored poll: no event id, timestamps or positions (the list order says it). */
export function toStaffPoll(p: PollRecord): StaffPoll {
	return {
		id: p.id,
		kind: p.kind,
		question: p.question,
		options: p.options,
		config: p.config,
		state: p.state,
		allowChange: p.allowChange,
		showNames: p.showNames,
		resultsVisibility: p.resultsVisibility,
		resultsOverride: p.resultsOverride,
		resultsVisible: resultsVisibleToAudience(p)
	};
}
