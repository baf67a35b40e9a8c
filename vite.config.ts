import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';
import { plenumDevServer } from './src/dev-server.ts';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			// Paraglide would load plugins from a CDN; settings.json points at the local package.
			emitGitIgnore: false
		}),
		sveltekit({
			compilerOptions: { runes: true },
			adapter: adapter({ out: 'build' })
		}),
		plenumDevServer()
	]
});
