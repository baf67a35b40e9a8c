import type { z } from 'zod';
import { inbound, type InboundEvent } from '../../shared/protocol.ts';
import type { Ack } from '../../shared/result.ts';
import { isAppError } from '../errors.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import type { PlenumSocket } from './context.ts';
import type { Logger } from '../log.ts';

export interface HandlerStats {
	invalidPayloads: number;
	errors: number;
	/** Handlers started and not yet answered; a draining process waits for this to reach 0. */
	inFlight: number;
}

/**
 * Registers one socket event the way every event is handled (RT3): validate the payload with
 * its schema, call the domain, answer with one ack. A bad payload gets `invalid_payload` and
 * changes nothing; an event sent without an ack callback is ignored; a thrown domain error
 * becomes its code; a database out of reach is `unavailable` (D5: the client sends it again);
 * anything unexpected is logged and answered `internal` — never a crash.
 */
export function on<E extends InboundEvent, R>(
	socket: PlenumSocket,
	event: E,
	run: (payload: z.output<(typeof inbound)[E]>) => Promise<R> | R,
	ctx: { stats: HandlerStats; log: Logger; draining?: boolean }
): void {
	const schema = inbound[event] as z.ZodType;
	// Socket.IO's typed `on` cannot express "a handler for any event of this map" generically.
	(socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
		const ack = args[args.length - 1];
		if (typeof ack !== 'function') {
			ctx.stats.invalidPayloads++;
			return;
		}
		const reply = ack as (a: Ack<R>) => void;
		const parsed = schema.safeParse(args.length > 1 ? args[0] : undefined);
		if (!parsed.success) {
			ctx.stats.invalidPayloads++;
			reply({ ok: false, error: { code: 'invalid_payload', message: parsed.error.issues[0]?.message ?? 'invalid payload' } });
			return;
		}
		if (ctx.draining && event !== 'sys:ping') {
			// Shutting down (D2): nothing new starts here; the client sends it again to another process.
			reply({ ok: false, error: { code: 'unavailable', message: 'this server is restarting; try again' } });
			return;
		}
		ctx.stats.inFlight++;
		Promise.resolve()
			.then(() => run(parsed.data as z.output<(typeof inbound)[E]>))
			.finally(() => ctx.stats.inFlight--)
			.then(
				(data) => reply({ ok: true, data }),
				(e: unknown) => {
					if (isAppError(e)) {
						reply({ ok: false, error: { code: e.code, message: e.message, ...(e.retryAfterMs ? { retryAfterMs: e.retryAfterMs } : {}) } });
						return;
					}
					if (isDatabaseUnavailable(e)) {
						ctx.log.warn('database unavailable', { event });
						reply({ ok: false, error: { code: 'unavailable', message: 'the database is unavailable; try again shortly' } });
						return;
					}
					ctx.stats.errors++;
					ctx.log.error('socket handler failed', { event, error: e instanceof Error ? e.message : String(e) });
					reply({ ok: false, error: { code: 'internal', message: 'internal error' } });
				}
			);
	});
}
