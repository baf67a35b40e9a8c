import { z } from 'zod';

/** Input schemas for events and agenda sessions, shared by forms, the JSON API and tests. */
export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const SESSION_KINDS = ['plenary', 'panel', 'workshop'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected YYYY-MM-DDTHH:MM');

export const eventInput = z
	.object({
		title: z.string().trim().min(1).max(200),
		startsOn: date,
		endsOn: date,
		timeZone: z.string().max(64).default('Europe/Berlin'),
		defaultLocale: z.enum(LOCALES).default('de'),
		retentionOn: date
	})
	.refine((e) => e.endsOn >= e.startsOn, { message: 'the event ends before it starts', path: ['endsOn'] })
	.refine((e) => e.retentionOn >= e.endsOn, { message: 'data must be kept at least until the event ends', path: ['retentionOn'] })
	.refine((e) => isTimeZone(e.timeZone), { message: 'unknown time zone', path: ['timeZone'] });
export type EventInput = z.infer<typeof eventInput>;

export const sessionInput = z
	.object({
		kind: z.enum(SESSION_KINDS),
		title: z.string().trim().min(1).max(200),
		startsAt: localDateTime,
		endsAt: localDateTime,
		room: z.string().trim().max(100).default(''),
		livestreamUrl: z
			.string()
			.trim()
			.max(500)
			.refine((u) => u === '' || /^https?:\/\//.test(u), 'must start with http:// or https://')
			.optional()
			.transform((u) => (u ? u : null))
	})
	.refine((s) => s.endsAt > s.startsAt, { message: 'the session ends before it starts', path: ['endsAt'] });
export type SessionInput = z.infer<typeof sessionInput>;

function isTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}
