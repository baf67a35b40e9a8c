import { AppError } from '../errors.ts';

/**
 * A small CSV writer for exports (RFC 4180), made safe for spreadsheets (P10):
 *
 * - A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 *   apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running it as a
 *   formula (`=HYPERLINK(…)`, DDE). Participants type these cells; the organiser opens the file.
 *   Numbers Plenum computed itself (counts, averages) are data and stay as they are.
 * - A cell holding the delimiter, a double quote, CR or LF is quoted, inner quotes doubled.
 * - Lines end in CRLF; the text starts with a UTF-8 byte order mark, without which Excel reads the
 *   file as Windows-1252 and turns "Grün" into "GrÃ¼n".
 */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | null | undefined;

export interface CsvOptions {
	/** `,` (RFC 4180) or `;`, what spreadsheets in German and most European locales expect. */
	delimiter: ',' | ';';
	/** Decimal mark of numbers: `.` with `,`, `,` with `;` (a German Excel reads 2.5 as a date). */
	decimal: '.' | ',';
}

export const RFC4180: CsvOptions = { delimiter: ',', decimal: '.' };
export const SEMICOLON: CsvOptions = { delimiter: ';', decimal: ',' };

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes an apostrophe to text a spreadsheet would take for a formula. */
export function neutralize(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue, options: CsvOptions = RFC4180): string {
	if (value === null || value === undefined) return '';
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return '';
		text = String(value);
		if (options.decimal === ',') text = text.replace('.', ',');
	} else text = neutralize(value);
	const mustQuote = text.includes(options.delimiter) || /["\r\n]/.test(text);
	return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[], options: CsvOptions = RFC4180): string {
	return values.map((v) => csvCell(v, options)).join(options.delimiter) + '\r\n';
}

/** A whole document: byte order mark, the header line, then one line per row. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = RFC4180): string {
	const parts = [CSV_BOM, csvLine(header, options)];
	for (const row of rows) parts.push(csvLine(row, options));
	return parts.join('');
}

/** `?delimiter=comma` (default) or `?delimiter=semicolon`; anything else is refused. */
export function csvOptionsFrom(params: URLSearchParams): CsvOptions {
	const d = params.get('delimiter');
	if (d === null || d === '' || d === 'comma' || d === ',') return RFC4180;
	if (d === 'semicolon' || d === ';') return SEMICOLON;
	throw new AppError('invalid_payload', 'delimiter: must be comma or semicolon');
}
