/**
 * I1: every user-facing string exists in German and English. Fails when a key is missing or
 * empty in either language, when the two disagree on placeholders, when a message file is not
 * registered with Paraglide (it would be silently ignored), or when code uses a key that
 * no file defines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = ['de', 'en'] as const;
const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as {
	locales: string[];
	'plugin.inlang.messageFormat': { pathPattern: string[] };
};
const patterns = settings['plugin.inlang.messageFormat'].pathPattern;

function load(pattern: string, locale: string): Record<string, string> {
	const raw = JSON.parse(readFileSync(pattern.replace('{locale}', locale), 'utf8')) as Record<string, string>;
	delete raw.$schema;
	return raw;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function walk(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) {
			if (name !== 'paraglide') walk(p, out);
		} else if (/\.(svelte|ts)$/.test(name)) out.push(p);
	}
	return out;
}

describe('I1: messages', () => {
	it('I1: Paraglide knows German and English, German first', () => {
		expect(settings.locales).toEqual([...LOCALES]);
	});

	it('I1: every message file in messages/ is registered in project.inlang/settings.json', () => {
		const dirs = [
			'messages',
			...readdirSync('messages')
				.filter((d) => statSync(join('messages', d)).isDirectory())
				.map((d) => `messages/${d}`)
		];
		for (const d of dirs) expect(patterns).toContain(`./${d}/{locale}.json`);
	});

	for (const pattern of patterns) {
		it(`I1: ${pattern} has the same non-empty keys and placeholders in both languages`, () => {
			const [de, en] = LOCALES.map((l) => load(pattern, l));
			expect(Object.keys(de!).sort()).toEqual(Object.keys(en!).sort());
			for (const key of Object.keys(de!)) {
				expect(de![key]!.trim(), `de ${key}`).not.toBe('');
				expect(en![key]!.trim(), `en ${key}`).not.toBe('');
				expect(placeholders(de![key]!), `placeholders of ${key}`).toEqual(placeholders(en![key]!));
			}
		});
	}

	it('I1: no key is defined twice across files, and every key the code uses exists', () => {
		const all = new Map<string, string>();
		for (const p of patterns)
			for (const key of Object.keys(load(p, 'de'))) {
				expect(all.has(key), `${key} in ${p} and ${all.get(key)}`).toBe(false);
				all.set(key, p);
			}
		const used = new Set<string>();
		for (const file of walk('src')) {
			const text = readFileSync(file, 'utf8');
			if (!text.includes('paraglide/messages.js')) continue;
			for (const m of text.matchAll(/\bm\.(\w+)\(/g)) used.add(m[1]!);
		}
		const missing = [...used].filter((k) => !all.has(k));
		expect(missing).toEqual([]);
	});
});
