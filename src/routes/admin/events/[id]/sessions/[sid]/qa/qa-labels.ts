import { m } from '#lib/paraglide/messages.js';
import type { Channel, HideReason } from '#lib/shared/qa.ts';
import type { QaFilter, QaOrder } from './qa-lists.ts';

/** Names for the closed sets of the moderator's Q&A view, in the current language. */
export function hideReasonLabel(reason: HideReason): string {
	switch (reason) {
		case 'off_topic':
			return m.qamod_reason_off_topic();
		case 'duplicate':
			return m.qamod_reason_duplicate();
		case 'offensive':
			return m.qamod_reason_offensive();
		case 'personal_data':
			return m.qamod_reason_personal_data();
		case 'other':
			return m.qamod_reason_other();
	}
}

export function filterLabel(filter: QaFilter): string {
	switch (filter) {
		case 'waiting':
			return m.qamod_filter_waiting();
		case 'live':
			return m.qamod_filter_live();
		case 'answered':
			return m.qamod_filter_answered();
		case 'hidden':
			return m.qamod_filter_hidden();
	}
}

export function orderLabel(order: QaOrder): string {
	switch (order) {
		case 'votes':
			return m.qamod_order_votes();
		case 'time':
			return m.qamod_order_time();
		case 'fair':
			return m.qamod_order_fair();
	}
}

/** Room or online in words, never by colour or icon alone. */
export function channelLabel(channel: Channel): string {
	return channel === 'room' ? m.qamod_channel_room() : m.qamod_channel_online();
}

/** "Waiting: none / one question / 3 questions" without plural rules in the message files. */
export function waitingSentence(count: number): string {
	if (count === 0) return m.qamod_waiting_none();
	return count === 1 ? m.qamod_waiting_one() : m.qamod_waiting_other({ count });
}

export function newWaitingSentence(count: number): string {
	return count === 1 ? m.qamod_new_waiting_one() : m.qamod_new_waiting_other({ count });
}
