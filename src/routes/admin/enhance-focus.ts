import { tick } from 'svelte';
import type { SubmitFunction } from '$app/forms';

/**
 * `use:enhance={focusFirstError}`: the default enhance behaviour, plus after a rejected
 * submission the keyboard focus moves to the first invalid field (or the form's error), so
 * nobody has to hunt for what went wrong (WCAG 3.3.1). Edit forms pass `reset: false`: after
 * saving they should show what was saved, not what the page first loaded with.
 */
export function withFocus(opts: { reset?: boolean } = {}): SubmitFunction {
	return () => {
		return async ({ result, update, formElement }) => {
			await update({ reset: opts.reset ?? true });
			if (result.type !== 'failure') return;
			await tick();
			const target = formElement.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formElement.querySelector<HTMLElement>('[role="alert"]');
			if (!target) return;
			if (!target.matches('input, select, textarea, button')) target.tabIndex = -1;
			target.focus();
		};
	};
}

export const focusFirstError = withFocus();
