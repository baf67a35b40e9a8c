import { tick } from 'svelte';
import type { SubmitFunction } from '$app/forms';

/**
 * `use:enhance` for the forms of the board page, which stays where it is: a refused form gets
 * the focus on its first invalid field or its error (WCAG 3.3.1); otherwise focus returns to the
 * button that was pressed, and when that button is gone (a workshop removed, a person moved to
 * another list) to `fallback`, an element id, so keyboard users never land at the page top.
 */
export function stayHere(opts: { reset?: boolean; fallback?: string } = {}): SubmitFunction {
	return ({ submitter }) => {
		return async ({ result, update, formElement }) => {
			await update({ reset: opts.reset ?? false });
			await tick();
			if (result.type === 'failure' && formElement.isConnected) {
				const target = formElement.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formElement.querySelector<HTMLElement>('[role="alert"]');
				if (target) {
					if (!target.matches('input, select, textarea, button')) target.tabIndex = -1;
					target.focus();
					return;
				}
			}
			if (submitter instanceof HTMLElement && submitter.isConnected) submitter.focus();
			else if (opts.fallback) document.getElementById(opts.fallback)?.focus();
		};
	};
}
