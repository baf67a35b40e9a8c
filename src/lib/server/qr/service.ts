import QRCode from 'qrcode';
import type { Channel } from '../participants/service.ts';

/**
 * Join links (J2): `/r/CODE` for the room (poster, stage screen) and `/o/CODE` for online
 * participants (shared with the livestream). The path records the channel; the code resolves to
 * an event or a session.
 */
export function joinUrl(publicOrigin: string, code: string, channel: Channel): string {
	return `${publicOrigin}/${channel === 'room' ? 'r' : 'o'}/${code}`;
}

export function joinUrls(publicOrigin: string, code: string): { room: string; online: string } {
	return { room: joinUrl(publicOrigin, code, 'room'), online: joinUrl(publicOrigin, code, 'online') };
}

/**
 * An SVG QR code with error correction level M (15%): survives a glare spot on a projector or
 * a crease in a poster while staying coarse enough to scan from a few metres.
 */
export async function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}
