import { AppError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireAccess } from '../access/service.ts';
import { getSession } from '../events/service.ts';
import type { QaModeration, QaSettings, QaSettingsInput } from '../../shared/qa.ts';
import { DEFAULT_WORDS, parseWordList } from './word-list.ts';

/** A session's Q&A switch and moderation mode (Q3); every session has a Q&A, on by default. */
export async function getQaSettings(sessionId: string, deps: Pick<Deps, 'db'>): Promise<QaSettings> {
	const r = await deps.db.selectFrom('event_sessions').select(['qa_enabled', 'qa_moderation']).where('id', '=', sessionId).executeTakeFirst();
	if (!r) throw new AppError('not_found', 'session not found');
	return { sessionId, enabled: r.qa_enabled === 1, moderation: r.qa_moderation as QaModeration };
}

export async function setQaSettings(sessionId: string, input: QaSettingsInput, userId: string, deps: Pick<Deps, 'db' | 'publisher'>): Promise<QaSettings> {
	const session = await getSession(sessionId, deps);
	await requireAccess(userId, session.eventId, 'session:moderate', deps, sessionId);
	const set: { qa_enabled?: number; qa_moderation?: QaModeration } = {};
	if (input.enabled !== undefined) set.qa_enabled = input.enabled ? 1 : 0;
	if (input.moderation !== undefined) set.qa_moderation = input.moderation;
	if (Object.keys(set).length > 0) await deps.db.updateTable('event_sessions').set(set).where('id', '=', sessionId).execute();
	deps.publisher.questionsChanged(sessionId, []);
	return getQaSettings(sessionId, deps);
}

/** The event's word list (Q6): its own, or the shipped defaults when it never set one. */
export async function getWordList(eventId: string, deps: Pick<Deps, 'db'>): Promise<{ words: string[]; isDefault: boolean }> {
	const r = await deps.db.selectFrom('events').select('qa_words').where('id', '=', eventId).executeTakeFirst();
	if (!r) throw new AppError('not_found', 'event not found');
	if (r.qa_words === null) return { words: [...DEFAULT_WORDS], isDefault: true };
	return { words: JSON.parse(r.qa_words) as string[], isDefault: false };
}

/**
 * Owners and moderators set the word list of an event (one entry per line or comma); null goes
 * back to the defaults. An empty list switches the filter off. New and edited questions are
 * checked against it; questions already shown stay as they are.
 */
export async function setWordList(
	eventId: string,
	raw: string | null,
	userId: string,
	deps: Pick<Deps, 'db'>
): Promise<{ words: string[]; isDefault: boolean }> {
	await requireAccess(userId, eventId, 'session:moderate', deps);
	const value = raw === null ? null : JSON.stringify(parseWordList(raw));
	await deps.db.updateTable('events').set({ qa_words: value }).where('id', '=', eventId).execute();
	return getWordList(eventId, deps);
}
