import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../../../../tests/support/csv.ts';
import { CSV_BOM, csvCell, csvDocument, csvLine, csvOptionsFrom, neutralize, RFC4180, SEMICOLON } from './csv.ts';

/** An RFC 4180 reader independent of the writer, to check that quoted cells come back unchanged. */
const parse = parseCsv;

describe('CSV injection (P10)', () => {
	it('P10: cells starting with = + - @ tab or CR get a leading apostrophe', () => {
		expect(csvCell('=HYPERLINK("http://evil.example","klick")')).toBe(`"'=HYPERLINK(""http://evil.example"",""klick"")"`);
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
		expect(csvCell('\t=1')).toBe("'\t=1");
		expect(csvCell('\r=1')).toBe(`"'\r=1"`);
		expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
	});

	it('P10: harmless text is left alone, also with a formula character inside', () => {
		for (const s of ['Grün', 'a=b', '1+1', 'E-Mail', 'x@y.de', ' =1', "'=already"]) expect(csvCell(s)).toBe(s);
		expect(csvCell('')).toBe('');
	});

	it('P10: numbers Plenum computed are data and are not prefixed', () => {
		expect(csvCell(4)).toBe('4');
		expect(csvCell(-1)).toBe('-1');
		expect(csvCell(2.5)).toBe('2.5');
		expect(csvCell(2.5, SEMICOLON)).toBe('2,5');
		expect(csvCell(Number.NaN)).toBe('');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});

	it('P10: no text cell of any content reads back as a formula', () => {
		const risky = fc
			.tuple(fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', '\n', ' ', '"'), fc.string({ unit: 'grapheme', maxLength: 30 }))
			.map(([a, b]) => a + b);
		fc.assert(
			fc.property(risky, (s) => {
				const back = parse(csvLine([s]))[0]![0]!;
				expect(/^[=+\-@\t\r]/.test(back)).toBe(false);
				expect(back === s || back === `'${s}`).toBe(true);
			})
		);
	});
});

describe('CSV quoting (RFC 4180)', () => {
	it('quotes cells with the delimiter, quotes or line breaks and doubles inner quotes', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('a;b')).toBe('a;b');
		expect(csvCell('a;b', SEMICOLON)).toBe('"a;b"');
		expect(csvCell('a,b', SEMICOLON)).toBe('a,b');
		expect(csvCell('Sie sagte "Hallo"')).toBe('"Sie sagte ""Hallo"""');
		expect(csvCell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
		expect(csvCell('Zeile 1\r\nZeile 2')).toBe('"Zeile 1\r\nZeile 2"');
	});

	it('ends every line with CRLF and joins with the delimiter', () => {
		expect(csvLine(['a', 1, null, 'b c'])).toBe('a,1,,b c\r\n');
		expect(csvLine(['a', 1.5, 'x;y'], SEMICOLON)).toBe('a;1,5;"x;y"\r\n');
	});

	it('starts the document with a UTF-8 byte order mark and a header line', () => {
		const doc = csvDocument(
			['frage', 'antwort'],
			[
				['Grün?', 'Ja, gern'],
				['Öl', '=1']
			]
		);
		expect(doc.startsWith(CSV_BOM)).toBe(true);
		expect(doc).toBe(`${CSV_BOM}frage,antwort\r\nGrün?,"Ja, gern"\r\nÖl,'=1\r\n`);
		expect([...new TextEncoder().encode(doc).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});

	it('round-trips any text through a standard reader', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(RFC4180, SEMICOLON), (cells, o) => {
				const back = parse(csvLine(cells, o), o.delimiter)[0]!;
				expect(back).toEqual(cells.map(neutralize));
			})
		);
	});
});

describe('CSV options', () => {
	it('reads ?delimiter=comma|semicolon and refuses anything else', () => {
		expect(csvOptionsFrom(new URLSearchParams())).toEqual(RFC4180);
		expect(csvOptionsFrom(new URLSearchParams('delimiter=comma'))).toEqual(RFC4180);
		expect(csvOptionsFrom(new URLSearchParams('delimiter=semicolon'))).toEqual(SEMICOLON);
		expect(csvOptionsFrom(new URLSearchParams('delimiter=%3B'))).toEqual(SEMICOLON);
		expect(() => csvOptionsFrom(new URLSearchParams('delimiter=tab'))).toThrow(expect.objectContaining({ code: 'invalid_payload' }));
	});
});
