import { m } from '#lib/paraglide/messages.js';
import type { SessionKind } from '#lib/shared/events.ts';

/** The agenda's words for a session's kind, in the current (or a forced) locale. */
export function kindLabel(kind: SessionKind, locale?: 'de' | 'en'): string {
	const opts = locale ? { locale } : {};
	switch (kind) {
		case 'plenary':
			return m.aud_kind_plenary({}, opts);
		case 'panel':
			return m.aud_kind_panel({}, opts);
		case 'workshop':
			return m.aud_kind_workshop({}, opts);
	}
}
