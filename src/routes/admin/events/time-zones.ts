/**
 * The zones offered in the event form: where German-speaking organisers most likely meet, plus
 * a few worldwide. The schema accepts any IANA zone (the JSON API may set others); the form adds
 * the event's current zone to the list when it is not one of these.
 */
export const COMMON_TIME_ZONES = [
	'Europe/Berlin',
	'Europe/Vienna',
	'Europe/Zurich',
	'Europe/Luxembourg',
	'Europe/Brussels',
	'Europe/Amsterdam',
	'Europe/Paris',
	'Europe/London',
	'Europe/Dublin',
	'Europe/Lisbon',
	'Europe/Madrid',
	'Europe/Rome',
	'Europe/Copenhagen',
	'Europe/Stockholm',
	'Europe/Oslo',
	'Europe/Helsinki',
	'Europe/Warsaw',
	'Europe/Prague',
	'Europe/Budapest',
	'Europe/Athens',
	'Europe/Istanbul',
	'America/New_York',
	'America/Chicago',
	'America/Los_Angeles',
	'Asia/Tokyo',
	'UTC'
] as const;
