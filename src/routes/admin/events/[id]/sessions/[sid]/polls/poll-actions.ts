import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { AppError, HTTP_STATUS, isAppError } from '#lib/server/errors.ts';
import type { Deps } from '#lib/server/deps.ts';
import { createPoll, deletePoll, duplicatePoll, getPoll, listPolls, movePoll, updatePoll, type PollRecord } from '#lib/server/polls/service.ts';
import { moderation } from '../moderation.ts';
import { pollErrorMessage, type PollAttempt } from './poll-errors.ts';
import { readPollForm } from './poll-form-input.ts';

type Ev = RequestEvent<{ id: string; sid: string }>;

/** A poll id from a form, checked to belong to the session in the URL (S3: no reaching across sessions). */
async function pollOfSession(pollId: FormDataEntryValue | null, sessionId: string, d: Pick<Deps, 'db'>): Promise<PollRecord> {
	if (typeof pollId !== 'string' || pollId === '') throw new AppError('not_found', 'poll not found');
	const p = await getPoll(pollId, d);
	if (p.sessionId !== sessionId) throw new AppError('not_found', 'poll not found');
	return p;
}

/** Runs a domain call; an expected failure (AppError) becomes a friendly message, anything else is a bug. */
async function attempt<T>(run: () => Promise<T>, what: PollAttempt): Promise<{ ok: true; value: T } | { ok: false; status: number; error: string }> {
	try {
		return { ok: true, value: await run() };
	} catch (e) {
		if (isAppError(e)) return { ok: false, status: HTTP_STATUS[e.code], error: pollErrorMessage(e.code, what) };
		throw e;
	}
}

/**
 * Preparing polls: create, edit (drafts only), duplicate, reorder, delete. Every action works
 * without JavaScript and is progressively enhanced; the domain checks the moderator's rights
 * again. Results come back under `action` so each form shows only its own outcome.
 */
export const pollActions = {
	createPoll: async (event: Ev) => {
		const { d, user, session } = await moderation(event);
		const parsed = readPollForm(await event.request.formData());
		if (!parsed.ok)
			return fail(400, { action: 'pollForm' as const, pollId: null, values: parsed.values, errors: parsed.errors, error: m.pollmod_form_has_errors() });
		const res = await attempt(() => createPoll(session.id, parsed.data, user.id, d), 'save');
		if (!res.ok) return fail(res.status, { action: 'pollForm' as const, pollId: null, values: parsed.values, errors: {}, error: res.error });
		return { action: 'pollList' as const, pollId: res.value.id, message: m.pollmod_created({ question: res.value.question }) };
	},

	updatePoll: async (event: Ev) => {
		const { d, user, session } = await moderation(event);
		const form = await event.request.formData();
		const parsed = readPollForm(form);
		const pollId = typeof form.get('pollId') === 'string' ? String(form.get('pollId')) : '';
		if (!parsed.ok) return fail(400, { action: 'pollForm' as const, pollId, values: parsed.values, errors: parsed.errors, error: m.pollmod_form_has_errors() });
		const res = await attempt(async () => {
			const p = await pollOfSession(pollId, session.id, d);
			return updatePoll(p.id, parsed.data, user.id, d);
		}, 'edit');
		if (!res.ok) return fail(res.status, { action: 'pollForm' as const, pollId, values: parsed.values, errors: {}, error: res.error });
		return { action: 'pollList' as const, pollId: res.value.id, message: m.pollmod_updated({ question: res.value.question }) };
	},

	duplicatePoll: async (event: Ev) => {
		const { d, user, session } = await moderation(event);
		const form = await event.request.formData();
		const res = await attempt(async () => {
			const p = await pollOfSession(form.get('pollId'), session.id, d);
			return duplicatePoll(p.id, user.id, d);
		}, 'list');
		if (!res.ok) return fail(res.status, { action: 'pollList' as const, error: res.error });
		return { action: 'pollList' as const, pollId: res.value.id, message: m.pollmod_duplicated({ question: res.value.question }) };
	},

	movePoll: async (event: Ev) => {
		const { d, user, session } = await moderation(event);
		const form = await event.request.formData();
		const direction = form.get('direction');
		if (direction !== 'up' && direction !== 'down') return fail(400, { action: 'pollList' as const, error: m.pollmod_error_invalid() });
		const res = await attempt(async () => {
			const p = await pollOfSession(form.get('pollId'), session.id, d);
			await movePoll(p.id, direction, user.id, d);
			const order = await listPolls(session.id, d);
			return { question: p.question, position: order.findIndex((x) => x.id === p.id) + 1, count: order.length };
		}, 'list');
		if (!res.ok) return fail(res.status, { action: 'pollList' as const, error: res.error });
		return { action: 'pollList' as const, message: m.pollmod_moved({ ...res.value }) };
	},

	deletePoll: async (event: Ev) => {
		const { d, user, session } = await moderation(event);
		const form = await event.request.formData();
		const res = await attempt(async () => {
			const p = await pollOfSession(form.get('pollId'), session.id, d);
			await deletePoll(p.id, user.id, d);
			return p;
		}, 'list');
		if (!res.ok) return fail(res.status, { action: 'pollList' as const, error: res.error });
		return { action: 'pollList' as const, message: m.pollmod_deleted({ question: res.value.question }) };
	}
};
