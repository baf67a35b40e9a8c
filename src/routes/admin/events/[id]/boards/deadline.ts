/**
 * The lottery deadline is a moment (epoch milliseconds), but organisers type it as wall-clock
 * time of the event's own time zone into a `datetime-local` field ('YYYY-MM-DDTHH:MM'). These
 * two pure conversions use only Intl, so server and browser agree whatever their own zone.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** The wall-clock fields of a moment in a zone. */
function wallClock(ms: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return { y: parts.year ?? 1970, mo: parts.month ?? 1, d: parts.day ?? 1, h: parts.hour ?? 0, mi: parts.minute ?? 0, s: parts.second ?? 0 };
}

/** How far the zone's wall clock is ahead of UTC at that moment, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
	const w = wallClock(ms, timeZone);
	const whole = ms - (((ms % 1000) + 1000) % 1000);
	return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - whole;
}

/**
 * 'YYYY-MM-DDTHH:MM' (seconds allowed, ignored beyond whole seconds) in `timeZone` → epoch ms,
 * or null when the text is no valid date and time. A time the clocks skip (02:30 on the night
 * summer time starts) lands one hour beside it, never fails; a time that occurs twice (autumn)
 * is taken after the change.
 */
export function localToEpoch(local: string, timeZone: string): number | null {
	const match = LOCAL.exec(local.trim());
	if (!match) return null;
	const [y, mo, d, h, mi, s] = match.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
	if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
	// Date.UTC rolls 31 February over into March: such a day does not exist.
	if (new Date(asUtc).getUTCDate() !== d) return null;
	let ms = asUtc - offsetAt(asUtc, timeZone);
	// Near a clock change the offset at the guess may differ from the offset at the result.
	const again = asUtc - offsetAt(ms, timeZone);
	if (again !== ms) ms = again;
	return ms;
}

/** Epoch ms → 'YYYY-MM-DDTHH:MM' in `timeZone`, the value a `datetime-local` field takes. */
export function epochToLocal(ms: number, timeZone: string): string {
	const w = wallClock(ms, timeZone);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${String(w.y).padStart(4, '0')}-${two(w.mo)}-${two(w.d)}T${two(w.h)}:${two(w.mi)}`;
}
