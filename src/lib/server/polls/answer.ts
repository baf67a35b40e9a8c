import { AppError } from '../errors.ts';
import { normalizeWord, POLL_LIMITS, type Answer, type PollConfig, type PollKind, type PollOption } from '../../shared/polls.ts';

/**
 * Checks an answer against its poll and returns it in canonical form (P5): unknown options, too
 * many choices, out-of-range ratings, over-long text and the wrong kind are refused with a
 * message that says which; nothing is stored then.
 */
export function checkAnswer(poll: { kind: PollKind; options: PollOption[]; config: PollConfig }, answer: Answer): Answer {
	if (answer.kind !== poll.kind) throw new AppError('invalid_payload', `this poll takes a ${poll.kind} answer`);
	const ids = new Set(poll.options.map((o) => o.id));
	switch (answer.kind) {
		case 'single':
			if (!ids.has(answer.optionId)) throw new AppError('invalid_payload', 'unknown option');
			return answer;
		case 'multiple': {
			const picked = [...new Set(answer.optionIds)];
			if (picked.length === 0) throw new AppError('invalid_payload', 'pick at least one option');
			if (picked.some((id) => !ids.has(id))) throw new AppError('invalid_payload', 'unknown option');
			const max = poll.config.maxChoices ?? poll.options.length;
			if (picked.length > max) throw new AppError('invalid_payload', `pick at most ${max} options`);
			return { kind: 'multiple', optionIds: picked.sort() };
		}
		case 'scale': {
			const min = poll.config.scaleMin ?? 1;
			const max = poll.config.scaleMax ?? 5;
			if (answer.value < min || answer.value > max) throw new AppError('invalid_payload', `the rating must be between ${min} and ${max}`);
			return answer;
		}
		case 'wordcloud': {
			const words = [...new Set(answer.words.map(normalizeWord))].filter((w) => w !== '');
			if (words.length === 0) throw new AppError('invalid_payload', 'send at least one word');
			const max = poll.config.maxEntries ?? 3;
			if (words.length > max) throw new AppError('invalid_payload', `at most ${max} entries`);
			if (words.some((w) => [...w].length > POLL_LIMITS.wordLength))
				throw new AppError('invalid_payload', `an entry has at most ${POLL_LIMITS.wordLength} characters`);
			return { kind: 'wordcloud', words };
		}
		case 'open': {
			const text = answer.text.normalize('NFC').trim();
			if (text === '') throw new AppError('invalid_payload', 'the answer is empty');
			if ([...text].length > POLL_LIMITS.openTextLength)
				throw new AppError('invalid_payload', `an answer has at most ${POLL_LIMITS.openTextLength} characters`);
			return { kind: 'open', text };
		}
		case 'ranking': {
			if (answer.optionIds.length !== ids.size || new Set(answer.optionIds).size !== ids.size || answer.optionIds.some((id) => !ids.has(id)))
				throw new AppError('invalid_payload', 'rank every option exactly once');
			return answer;
		}
	}
}
