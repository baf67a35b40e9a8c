import type { SubmitFunction } from '$app/forms';

/**
 * `use:enhance` for forms that change something on the page the person stays on. SvelteKit
 * moves focus to the top after an enhanced form succeeds (as after a navigation); here focus
 * goes back to the button that submitted the form, and a status line announces the result.
 */
export const keepFocus: SubmitFunction = ({ submitter }) => {
	return async ({ update }) => {
		await update({ reset: false });
		if (submitter?.isConnected) submitter.focus();
	};
};
