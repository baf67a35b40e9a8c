import { describe, expect, it } from 'vitest';
import { dateFormat, numberFormat } from './intl.ts';

describe('shared Intl formatters', () => {
	it('hands out one formatter per locale and options, formatting as a new one would', () => {
		const opts = { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
		expect(dateFormat('de', opts)).toBe(dateFormat('de', { ...opts }));
		expect(dateFormat('de', opts)).not.toBe(dateFormat('en', opts));
		expect(dateFormat('de', opts)).not.toBe(dateFormat('de', { ...opts, timeZone: 'UTC' }));
		expect(dateFormat('de', opts).format(Date.UTC(2026, 4, 4, 7, 5))).toBe(new Intl.DateTimeFormat('de', opts).format(Date.UTC(2026, 4, 4, 7, 5)));
		expect(numberFormat('de', { style: 'percent' })).toBe(numberFormat('de', { style: 'percent' }));
		expect(numberFormat('de', { style: 'percent' }).format(0.5)).toBe(new Intl.NumberFormat('de', { style: 'percent' }).format(0.5));
	});
});
