import { MIN_PASSWORD_LENGTH } from '#lib/server/auth/password.ts';
import { m } from '#lib/paraglide/messages.js';
import type { FieldErrors } from './events/form-input.ts';

/**
 * The new-account form shared by /setup (first owner) and /invite (invited staff). The
 * password is never sent back to the page; name and email are, so nothing typed is lost.
 */
export const PASSWORD_MAX = 512;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254; // RFC 5321 limit for a forward path

export interface AccountValues {
	name: string;
	email: string;
}

export function readAccountForm(form: FormData): { values: AccountValues; password: string; errors: FieldErrors } {
	const str = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : '';
	};
	const values = { name: str('name').trim(), email: str('email').trim() };
	const password = str('password');
	const errors: FieldErrors = {};
	if (values.name === '') errors.name = m.admin_error_required();
	else if (values.name.length > NAME_MAX) errors.name = m.admin_error_too_long({ max: NAME_MAX });
	// Deliberately loose: the address is a login name here, nobody sends mail to it yet.
	if (!/^[^\s@]+@[^\s@]+$/.test(values.email) || values.email.length > EMAIL_MAX) errors.email = m.admin_error_email();
	if (password.length < MIN_PASSWORD_LENGTH) errors.password = m.admin_error_password_short({ min: MIN_PASSWORD_LENGTH });
	else if (password.length > PASSWORD_MAX) errors.password = m.admin_error_too_long({ max: PASSWORD_MAX });
	else if (str('passwordConfirm') !== password) errors.passwordConfirm = m.admin_error_password_mismatch();
	return { values, password, errors };
}
