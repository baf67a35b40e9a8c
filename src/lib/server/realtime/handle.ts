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

/** What one inbound event does for the socket that sent it, given its validated payload. */
export type Handler<E extends InboundEvent> = (socket: PlenumSocket, payload: z.output<(typeof inbound)[E]>) => unknown;

/** Every inbound event's handler, built once per process (not per socket: 5,000 sockets × 27 closures cost 5 KB each). */
export type HandlerTable = { [E in InboundEvent]: Handler<E> };

type Reply = (a: Ack<unknown>) => void;

/**
 * Turns the handler table into the one listener every socket gets (`socket.onAny`), which handles
 * each event the same way (RT3): validate the payload with its schema, call the domain, answer
 * with one ack. An unknown event or a bad payload gets `invalid_payload` and changes nothing; an
 * event sent without an ack callback is ignored; a thrown domain error becomes its code; a
 * database out of reach is `unavailable` (D5: the client sends it again); anything unexpected is
 * logged and answered `internal` — never a crash.
 */
export function dispatcher(
	table: HandlerTable,
	ctx: { stats: HandlerStats; log: Logger; draining?: boolean }
): (socket: PlenumSocket, event: unknown, args: unknown[]) => void {
	return (socket, event, args) => {
		const ack = args[args.length - 1];
		if (typeof ack !== 'function') {
			ctx.stats.invalidPayloads++;
			return;
		}
		const reply = ack as Reply;
		// Socket.IO also lets a number through as an event name.
		if (typeof event !== 'string' || !Object.hasOwn(inbound, event)) {
			ctx.stats.invalidPayloads++;
			reply({ ok: false, error: { code: 'invalid_payload', message: `unknown event ${String(event).slice(0, 40)}` } });
			return;
		}
		const name = event as InboundEvent;
		const parsed = (inbound[name] as z.ZodType).safeParse(args.length > 1 ? args[0] : undefined);
		if (!parsed.success) {
			ctx.stats.invalidPayloads++;
			reply({ ok: false, error: { code: 'invalid_payload', message: parsed.error.issues[0]?.message ?? 'invalid payload' } });
			return;
		}
		if (ctx.draining && name !== 'sys:ping') {
			// Shutting down (D2): nothing new starts here; the client sends it again to another process.
			reply({ ok: false, error: { code: 'unavailable', message: 'this server is restarting; try again' } });
			return;
		}
		const run = table[name] as (socket: PlenumSocket, payload: unknown) => unknown;
		ctx.stats.inFlight++;
		Promise.resolve()
			.then(() => run(socket, parsed.data))
			.finally(() => ctx.stats.inFlight--)
			.then(
				(data) => reply({ ok: true, data }),
				(e: unknown) => fail(e, name, reply, ctx)
			);
	};
}

function fail(e: unknown, event: InboundEvent, reply: Reply, ctx: { stats: HandlerStats; log: Logger }): void {
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
