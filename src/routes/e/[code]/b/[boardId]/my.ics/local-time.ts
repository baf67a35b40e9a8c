/**
 * Agenda times are wall-clock strings ('YYYY-MM-DDTHH:MM') in the event's time zone. A calendar
 * file needs instants in UTC. Intl knows every zone's offsets, so no time-zone library is needed:
 * the offset at an instant is "its wall time read as UTC" minus the instant.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
	let f = formats.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		});
		formats.set(timeZone, f);
	}
	return f;
}

/** Milliseconds the zone is ahead of UTC at this instant (e.g. +2 h for Berlin in summer). */
function offsetAt(epochMs: number, timeZone: string): number {
	const parts = format(timeZone).formatToParts(epochMs);
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in a zone. A time that happens twice (clocks go back) or not at
 * all (clocks go forward) is read with the offset of one side of the change; agendas rarely
 * start a workshop in that hour.
 */
export function localToEpoch(local: string, timeZone: string): number {
	const m = LOCAL.exec(local);
	if (!m) throw new RangeError(`not a local time 'YYYY-MM-DDTHH:MM': ${local}`);
	const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	const guess = wall - offsetAt(wall, timeZone);
	// Near a change of offset the first guess used the offset of the other side; one correction settles it.
	const offset = offsetAt(guess, timeZone);
	return wall - offset;
}

/** 'YYYYMMDDTHHMMSSZ' (RFC 5545 DATE-TIME in UTC). */
export function utcStamp(epochMs: number): string {
	return new Date(epochMs)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}Z$/, 'Z');
}

export function localToUtcStamp(local: string, timeZone: string): string {
	return utcStamp(localToEpoch(local, timeZone));
}
