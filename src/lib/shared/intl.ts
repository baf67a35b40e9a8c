/**
 * Shared Intl formatters. Creating an Intl.DateTimeFormat or NumberFormat costs about 50 µs; the
 * session page made a dozen per render, a fifth of the join page's CPU in the join surge (issue 7,
 * P1). A formatter is kept per locale and options; the set is small (a few locales, options and
 * event time zones) and is emptied if it ever grows past a bound.
 */
const MAX = 500;
const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

function kept<F>(cache: Map<string, F>, key: string, make: () => F): F {
	let f = cache.get(key);
	if (!f) {
		if (cache.size >= MAX) cache.clear();
		cache.set(key, (f = make()));
	}
	return f;
}

export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
	return kept(dates, `${locale ?? ''}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	return kept(numbers, `${locale ?? ''}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}
