/**
 * The realtime protocol version, checked at the handshake. Kept apart from protocol.ts so the
 * browser bundle gets the number without the zod schemas (phones on bad networks pay per KB).
 */
export const PROTOCOL_VERSION = 1;
