import type { PollConfig, PollKind, PollOption, PollState, ResultsVisibility } from '#lib/shared/polls.ts';

/**
 * A poll as the moderator view holds it: the public shape plus the staff-only settings
 * (the configured visibility and the moderator's override), so the controls can say which
 * one is in force. Plain data: it crosses from the load function to the browser.
 */
export interface StaffPoll {
	id: string;
	kind: PollKind;
	question: string;
	options: PollOption[];
	config: PollConfig;
	state: PollState;
	allowChange: boolean;
	showNames: boolean;
	resultsVisibility: ResultsVisibility;
	resultsOverride: 'shown' | 'hidden' | null;
	/** What the audience sees right now (override, else the setting). */
	resultsVisible: boolean;
}

/** The kinds whose participants pick from a list of options. */
export function hasOptions(kind: PollKind): boolean {
	return kind === 'single' || kind === 'multiple' || kind === 'ranking';
}

/** The page's load function depends on this; the view invalidates it when a poll changes elsewhere (a colleague, the API). */
export const POLLS_DEPENDENCY = 'plenum:polls';
