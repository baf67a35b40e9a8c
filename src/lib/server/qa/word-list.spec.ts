import { describe, expect, it } from 'vitest';
import { DEFAULT_WORDS, matchWordList, parseWordList } from './word-list.ts';

describe('Q6: word list', () => {
	it('Q6: matches whole words, prefixes with *, phrases in a row, ignoring case, marks and zero-width characters', () => {
		expect(matchWordList('Du IDIOT!', ['idiot'])).toBe('idiot');
		expect(matchWordList('Idioten überall', ['idiot'])).toBeNull();
		expect(matchWordList('Idioten überall', ['idiot*'])).toBe('idiot*');
		expect(matchWordList('I\u200Bdiot', ['idiot'])).toBe('idiot');
		expect(matchWordList('rote, bete', ['rote bete'])).toBe('rote bete');
		expect(matchWordList('Karotte bete', ['rote bete'])).toBeNull();
		expect(matchWordList('crème', ['creme'])).toBe('creme');
	});

	it('Q6: the shipped list catches common German and English insults and lets ordinary questions through', () => {
		expect(matchWordList('So ein Scheiß', DEFAULT_WORDS)).not.toBeNull();
		expect(matchWordList('you are a moron', DEFAULT_WORDS)).not.toBeNull();
		for (const ok of ['Wann kommt das Fagott?', 'Wie sieht die Klassifikation aus?', 'Was kostet die Smart-City-Plattform?', 'Is the shiitake farm public?'])
			expect(matchWordList(ok, DEFAULT_WORDS)).toBeNull();
	});

	it('Q6: an organiser list is split by lines and commas, cleaned, de-duplicated', () => {
		expect(parseWordList(' Tomate \n tomate, Rote  Bete ,, pilz* \n')).toEqual(['tomate', 'rote bete', 'pilz*']);
	});
});
