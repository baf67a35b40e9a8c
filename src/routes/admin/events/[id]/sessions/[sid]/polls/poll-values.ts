import { hasOptions, type StaffPoll } from './staff-poll.ts';

/**
 * What the poll form shows: the raw strings as typed, so a rejected form comes back exactly
 * as it was sent. Numbers stay strings here; the server parses them (poll-form-input.ts).
 */
export interface PollValues {
	kind: string;
	question: string;
	options: string[];
	maxChoices: string;
	scaleMin: string;
	scaleMax: string;
	labelMin: string;
	labelMax: string;
	maxEntries: string;
	moderated: boolean;
	allowChange: boolean;
	resultsVisibility: string;
	showNames: boolean;
}

/** A new poll: single choice with two empty options; the defaults the domain would pick anyway. */
export const EMPTY_POLL: PollValues = {
	kind: 'single',
	question: '',
	options: ['', ''],
	maxChoices: '',
	scaleMin: '1',
	scaleMax: '5',
	labelMin: '',
	labelMax: '',
	maxEntries: '3',
	moderated: true,
	allowChange: true,
	resultsVisibility: 'live',
	showNames: false
};

/** The form values of a stored poll, for editing it. */
export function valuesOf(p: StaffPoll): PollValues {
	const c = p.config;
	return {
		...EMPTY_POLL,
		kind: p.kind,
		question: p.question,
		options: hasOptions(p.kind) ? p.options.map((o) => o.label) : EMPTY_POLL.options,
		maxChoices: c.maxChoices !== undefined ? String(c.maxChoices) : '',
		scaleMin: String(c.scaleMin ?? 1),
		scaleMax: String(c.scaleMax ?? 5),
		labelMin: c.labelMin ?? '',
		labelMax: c.labelMax ?? '',
		maxEntries: String(c.maxEntries ?? 3),
		moderated: c.moderated ?? true,
		allowChange: p.allowChange,
		resultsVisibility: p.resultsVisibility,
		showNames: p.showNames
	};
}

/** The poll form actions' answer, as far as the list panel reads it (see poll-actions.ts). */
export interface PollFormResult {
	action: 'pollForm' | 'pollList';
	pollId?: string | null;
	values?: PollValues;
	errors?: Partial<Record<string, string>>;
	error?: string;
	message?: string;
}
