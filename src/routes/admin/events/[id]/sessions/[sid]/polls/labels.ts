import { m } from '#lib/paraglide/messages.js';
import type { PollKind, PollState, ResultsVisibility } from '#lib/shared/polls.ts';

/** Names for the closed sets of poll kinds, states and visibility settings, in the current language. */
export function pollKindLabel(kind: PollKind | string): string {
	switch (kind) {
		case 'single':
			return m.pollmod_kind_single();
		case 'multiple':
			return m.pollmod_kind_multiple();
		case 'scale':
			return m.pollmod_kind_scale();
		case 'wordcloud':
			return m.pollmod_kind_wordcloud();
		case 'open':
			return m.pollmod_kind_open();
		case 'ranking':
			return m.pollmod_kind_ranking();
		default:
			return kind;
	}
}

export function pollStateLabel(state: PollState): string {
	switch (state) {
		case 'draft':
			return m.pollmod_state_draft();
		case 'open':
			return m.pollmod_state_open();
		case 'closed':
			return m.pollmod_state_closed();
	}
}

export function visibilityLabel(v: ResultsVisibility | string): string {
	switch (v) {
		case 'after_close':
			return m.pollmod_visibility_after_close();
		case 'never':
			return m.pollmod_visibility_never();
		default:
			return m.pollmod_visibility_live();
	}
}

export function channelLabel(channel: 'room' | 'online'): string {
	return channel === 'room' ? m.pollmod_channel_room() : m.pollmod_channel_online();
}
