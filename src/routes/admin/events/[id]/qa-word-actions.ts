import { fail, type RequestEvent } from '@sveltejs/kit';
import { setWordList } from '#lib/server/qa/settings.ts';
import { deps, requireUser } from '#lib/server/web/guard.ts';
import { QA_LIMITS } from '#lib/shared/qa.ts';
import { m } from '#lib/paraglide/messages.js';
import { attempt } from '../../action-error.ts';

type Ev = RequestEvent<{ id: string }>;

/** Longest text the word-list form takes: every entry at full length on its own line. */
const MAX_WORD_LIST_CHARS = QA_LIMITS.wordListEntries * (QA_LIMITS.wordLength + 2);

/**
 * The event's word list for questions (Q6): save the textarea, or go back to the shipped
 * defaults. Owners and moderators; the domain refuses a workshop lead with `forbidden`.
 */
export const qaWordActions = {
	qaWords: async ({ request, locals, url, params }: Ev) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const reset = form.get('intent') === 'reset';
		const raw = form.get('words');
		const words = typeof raw === 'string' ? raw : '';
		if (!reset && (typeof raw !== 'string' || raw.length > MAX_WORD_LIST_CHARS))
			return fail(400, { action: 'qaWords' as const, words, error: m.qamod_words_too_long({ max: QA_LIMITS.wordListEntries }) });
		const res = await attempt(() => setWordList(params.id, reset ? null : words, user.id, deps()), { action: 'qaWords' as const, words });
		if (!res.ok) return res.failure;
		return { action: 'qaWords' as const, message: reset ? m.qamod_words_reset_done() : m.qamod_words_saved({ count: res.value.words.length }) };
	}
};
