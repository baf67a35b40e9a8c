import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseCsv } from '../support/csv.ts';

export interface RouteFile {
	/** The path as the OpenAPI document writes it, relative to /api/v1: `/events/{eventId}`. */
	path: string;
	file: string;
	/** HTTP methods the file exports (`export const GET`), without `fallback`. */
	methods: string[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * Every `+server.ts` under src/routes/api/v1 with the methods it exports. Routes with a rest
 * parameter (`[...rest]`, the JSON 404 for unknown paths) are no endpoints and are left out.
 */
export function apiRoutes(root = join('src', 'routes', 'api', 'v1')): RouteFile[] {
	const out: RouteFile[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+server.ts') {
				const segments = relative(root, dir).split(sep).filter(Boolean);
				if (segments.some((s) => s.startsWith('[...'))) continue;
				const path = '/' + segments.map((s) => s.replace(/^\[(\w+)\]$/, '{$1}')).join('/');
				const source = readFileSync(full, 'utf8');
				const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source));
				out.push({ path, file: full, methods });
			}
		}
	};
	walk(root);
	return out.sort((a, b) => a.path.localeCompare(b.path));
}

export interface CallResult<T> {
	status: number;
	headers: Headers;
	text: string;
	json: T;
}

export interface CallOptions {
	/** Bearer token; `null` sends no Authorization header. Defaults to the caller's token. */
	token?: string | null;
	body?: unknown;
	headers?: Record<string, string>;
}

/**
 * A JSON API caller for one server and a default token. Every write carries the JSON content
 * type (also DELETE and body-less POSTs), as docs/api.md asks of clients.
 */
export function apiCaller(origin: string, defaultToken: () => string) {
	return async function call<T = unknown>(method: string, path: string, opts: CallOptions = {}): Promise<CallResult<T>> {
		const headers: Record<string, string> = { ...opts.headers };
		const token = opts.token === undefined ? defaultToken() : opts.token;
		if (token !== null) headers.authorization = `Bearer ${token}`;
		if (method !== 'GET' && method !== 'HEAD') headers['content-type'] ??= 'application/json';
		const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
		const res = await fetch(`${origin}/api/v1${path}`, { method, headers, body, redirect: 'manual' });
		// Keep a byte order mark: `res.text()` would drop it, and the CSV exports must have one.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
		const isJson = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
		return { status: res.status, headers: res.headers, text, json: (isJson ? JSON.parse(text) : undefined) as T };
	};
}

export { parseCsv };

/** CSV rows as objects keyed by the header line. */
export function csvRecords(text: string, delimiter = ','): Record<string, string>[] {
	const [header, ...rows] = parseCsv(text, delimiter);
	return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
