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
			adapter: adapter({ out: 'build' }),
			// Nothing from another host, ever (G1). Scripts get per-response nonces/hashes from
			// SvelteKit; inline style attributes are allowed (Svelte's style: directives use them).
			// The stage overlay's embedding (frame-ancestors) is widened by that feature's issue.
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none'],
					'base-uri': ['self'],
					'object-src': ['none']
				}
			}
		}),
		plenumDevServer()
	]
});
