import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/**
 * Zero warnings (`--max-warnings 0`). Layer rules carry messages that say why, so a newcomer
 * learns the architecture from the linter.
 */
export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', '.tools/', 'src/lib/paraglide/', 'test-results/', 'playwright-report/', 'data/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } }
	},
	{
		rules: {
			'svelte/no-at-html-tags': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Plain <a href> links are fine: the app has no base path and uses no resolve() wrapper.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['src/lib/shared/**', 'src/lib/client/**', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/server/**', '#lib/server/**'],
							message: 'shared, client and component code runs in the browser: it must not import server modules (architecture: layers).'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/server/**/*.ts'],
		// web/ and api/ are transport helpers for routes and endpoints; they may know SvelteKit.
		ignores: ['src/lib/server/web/**', 'src/lib/server/api/**', 'src/lib/server/**/*.spec.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*'],
							message: 'the domain never sees a request: SvelteKit belongs in src/routes and src/lib/server/web (architecture: transports stay thin).'
						}
					]
				}
			]
		}
	}
);
