import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Decodes the QR code in a PNG screenshot, as a phone camera would read the poster. */
export function decodeQr(png: Buffer): string | null {
	const img = PNG.sync.read(png);
	const res = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
	return res?.data ?? null;
}
