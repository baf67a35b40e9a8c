import { m } from '#lib/paraglide/messages.js';

/** Display names for the closed sets of roles and session kinds, in the current language. */
export function roleLabel(role: string): string {
	switch (role) {
		case 'owner':
			return m.admin_role_owner();
		case 'moderator':
			return m.admin_role_moderator();
		case 'workshop_lead':
			return m.admin_role_workshop_lead();
		default:
			return role;
	}
}

export function kindLabel(kind: string): string {
	switch (kind) {
		case 'plenary':
			return m.admin_kind_plenary();
		case 'panel':
			return m.admin_kind_panel();
		case 'workshop':
			return m.admin_kind_workshop();
		default:
			return kind;
	}
}

export function localeLabel(locale: string): string {
	return locale === 'en' ? m.lang_en() : m.lang_de();
}
