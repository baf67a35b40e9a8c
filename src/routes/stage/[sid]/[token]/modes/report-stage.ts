import { POLL_KINDS, type PollConfig, type PollKind } from '#lib/shared/polls.ts';
import type { ReportBack } from '#lib/shared/boards.ts';
import type { ResultsPoll } from '#lib/components/poll-results/results-format.ts';

type ReportPoll = ReportBack['polls'][number];

const isPollKind = (k: string): k is PollKind => (POLL_KINDS as readonly string[]).includes(k);

/**
 * A picked poll as the result charts need it. The report-back carries no poll settings; the one
 * the charts read is a scale's range, and a scale's tally names every value of it (tally.ts), so
 * the range is taken from there. The end labels of a scale are not part of a report-back.
 */
export function resultsPoll(p: ReportPoll): ResultsPoll {
	const config: PollConfig = { ...p.config };
	if (p.results.kind === 'scale' && (config.scaleMin === undefined || config.scaleMax === undefined)) {
		const values = Object.keys(p.results.distribution)
			.map(Number)
			.filter((v) => Number.isInteger(v));
		if (values.length > 0) {
			config.scaleMin = Math.min(...values);
			config.scaleMax = Math.max(...values);
		}
	}
	// The tally decides which chart is drawn; the kind only has to be a valid one.
	return { kind: isPollKind(p.kind) ? p.kind : p.results.kind === 'multiple' ? 'multiple' : 'single', options: p.options, config };
}

/** Which parts a report-back has: text (summary, questions), results, or nothing yet. */
export function reportParts(r: Pick<ReportBack, 'summary' | 'questions' | 'polls'>): { text: boolean; polls: boolean; empty: boolean } {
	const text = r.summary.trim() !== '' || r.questions.length > 0;
	const polls = r.polls.length > 0;
	return { text, polls, empty: !text && !polls };
}
