import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { POLL_LIMITS, pollInput, type PollInput, type PollKind } from '#lib/shared/polls.ts';
import { hasOptions } from './staff-poll.ts';
import type { PollValues } from './poll-values.ts';

/**
 * Reading the poll form. The shared `pollInput` schema (also used by the JSON API) decides what
 * is valid; its issues become one message per field in the moderator's language. Only the
 * fields of the chosen kind are read: without JavaScript the form shows every kind's fields,
 * and a scale's range must not make a single-choice poll fail.
 */
export type PollFieldErrors = Partial<Record<string, string>>;
type Parsed = { ok: true; values: PollValues; data: PollInput } | { ok: false; values: PollValues; errors: PollFieldErrors };

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/**
 * Options arrive as one input each (`option`, the script-enabled list) or, without JavaScript,
 * as a textarea with one option per line (`optionsText`). Blank entries are dropped: an empty
 * row left over after "add option" is not a mistake worth an error.
 */
function readOptions(form: FormData): string[] {
	const fromInputs = form.getAll('option').filter((v): v is string => typeof v === 'string');
	const raw = fromInputs.length > 0 ? fromInputs : text(form, 'optionsText').split(/\r?\n/);
	return raw.map((o) => o.trim()).filter((o) => o !== '');
}

/** '' → not given (the domain's default); digits → a number; anything else stays a string so zod rejects it. */
function num(v: string): number | string | undefined {
	const t = v.trim();
	if (t === '') return undefined;
	return /^-?\d+$/.test(t) ? Number(t) : t;
}

export function readPollForm(form: FormData): Parsed {
	const values: PollValues = {
		kind: text(form, 'kind'),
		question: text(form, 'question'),
		options: readOptions(form),
		maxChoices: text(form, 'maxChoices'),
		scaleMin: text(form, 'scaleMin'),
		scaleMax: text(form, 'scaleMax'),
		labelMin: text(form, 'labelMin'),
		labelMax: text(form, 'labelMax'),
		maxEntries: text(form, 'maxEntries'),
		moderated: form.has('moderated'),
		allowChange: form.has('allowChange'),
		resultsVisibility: text(form, 'resultsVisibility'),
		showNames: form.has('showNames')
	};
	const kind = values.kind as PollKind;
	const input: Record<string, unknown> = {
		kind: values.kind,
		question: values.question,
		allowChange: values.allowChange,
		resultsVisibility: values.resultsVisibility || 'live',
		showNames: kind === 'open' && values.showNames
	};
	if (hasOptions(kind)) input.options = values.options;
	if (kind === 'multiple') input.maxChoices = num(values.maxChoices);
	if (kind === 'scale')
		Object.assign(input, { scaleMin: num(values.scaleMin), scaleMax: num(values.scaleMax), labelMin: values.labelMin, labelMax: values.labelMax });
	if (kind === 'wordcloud') input.maxEntries = num(values.maxEntries);
	if (kind === 'open') input.moderated = values.moderated;

	// The form shows at least two option rows again after an error.
	const shown = { ...values, options: values.options.length >= 2 ? values.options : [...values.options, '', ''].slice(0, 2) };
	const res = pollInput.safeParse(input);
	if (res.success) return { ok: true, values: shown, data: res.data };
	return { ok: false, values: shown, errors: toErrors(res.error.issues) };
}

function toErrors(issues: z.core.$ZodIssue[]): PollFieldErrors {
	const errors: PollFieldErrors = {};
	for (const issue of issues) {
		const field = String(issue.path[0] ?? '');
		// The first problem per field is the one to fix first.
		if (field && !(field in errors)) errors[field] = fieldMessage(field, issue);
	}
	return errors;
}

function fieldMessage(field: string, issue: z.core.$ZodIssue): string {
	switch (field) {
		case 'question':
			return issue.code === 'too_big' ? m.pollmod_error_too_long({ max: POLL_LIMITS.questionLength }) : m.pollmod_error_question_required();
		case 'options':
			if (issue.code === 'custom') return issue.message.includes('differ') ? m.pollmod_error_options_unique() : m.pollmod_error_options_min();
			// An issue on one option (path ['options', i]) is a too-long label; on the list, too many.
			if (issue.path.length > 1) return m.pollmod_error_option_too_long({ max: POLL_LIMITS.optionLength });
			return m.pollmod_error_options_max({ max: POLL_LIMITS.maxOptions });
		case 'maxChoices':
			return issue.code === 'custom' ? m.pollmod_error_max_choices_options() : m.pollmod_error_max_choices();
		case 'scaleMin':
			return m.pollmod_error_scale_range({ min: POLL_LIMITS.scaleMin, max: POLL_LIMITS.scaleMax });
		case 'scaleMax':
			return issue.code === 'custom' ? m.pollmod_error_scale_order() : m.pollmod_error_scale_range({ min: POLL_LIMITS.scaleMin, max: POLL_LIMITS.scaleMax });
		case 'labelMin':
		case 'labelMax':
			return m.pollmod_error_too_long({ max: 60 });
		case 'maxEntries':
			return m.pollmod_error_max_entries({ max: POLL_LIMITS.maxWordEntries });
		default:
			return m.pollmod_error_invalid_choice();
	}
}
