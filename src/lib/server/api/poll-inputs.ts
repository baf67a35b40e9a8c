import { pollInput, type PollInput } from '../../shared/polls.ts';
import type { PollRecord } from '../polls/service.ts';
import { onlyFields, parseWith } from './body.ts';

/**
 * Poll bodies of the API, validated with the moderator form's schema. A PATCH merges the given
 * fields into the poll as it is and validates the whole, like events and sessions.
 */
export const POLL_FIELDS = Object.keys(pollInput.shape) as readonly (keyof PollInput)[];

/** Settings that fall back to a default when left out; `null` in a PATCH means "back to the default". */
const DEFAULTED: readonly (keyof PollInput)[] = ['maxChoices', 'scaleMin', 'scaleMax', 'labelMin', 'labelMax', 'maxEntries', 'moderated'];

export function pollCreateBody(body: unknown): PollInput {
	return parseWith(pollInput, onlyFields(body, POLL_FIELDS));
}

/** The poll as the input it would have been created from. */
function currentInput(p: PollRecord): Record<string, unknown> {
	return {
		kind: p.kind,
		question: p.question,
		options: p.options.map((o) => o.label),
		...p.config,
		allowChange: p.allowChange,
		resultsVisibility: p.resultsVisibility,
		showNames: p.showNames
	};
}

export function pollPatchBody(current: PollRecord, body: unknown): PollInput {
	const patch = onlyFields(body, POLL_FIELDS);
	const merged: Record<string, unknown> = { ...currentInput(current), ...patch };
	for (const key of DEFAULTED) if (patch[key] === null) delete merged[key];
	// "As many choices as options" is the default, stored as a number; it follows new options
	// unless the PATCH sets a limit itself.
	if (current.kind === 'multiple' && 'options' in patch && !('maxChoices' in patch) && current.config.maxChoices === current.options.length)
		delete merged.maxChoices;
	return parseWith(pollInput, merged);
}
