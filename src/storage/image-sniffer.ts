/**
 * Identifies an image by its first bytes, never by the file name or the browser's Content-Type (both are
 * the sender's claim). Only formats every browser renders are accepted.
 */
export type ImageType = { mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif'; ext: string };

export type SniffResult = { ok: true; type: ImageType } | { ok: false; heic: boolean };

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Buffer, from: number, to: number) => b.subarray(from, to).toString('latin1');

export function sniffImage(bytes: Buffer): SniffResult {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: { mimeType: 'image/jpeg', ext: 'jpg' } };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: { mimeType: 'image/png', ext: 'png' } };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { ok: true, type: { mimeType: 'image/webp', ext: 'webp' } };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { ok: true, type: { mimeType: 'image/gif', ext: 'gif' } };
  return { ok: false, heic: isHeif(bytes) };
}

/** ISO-BMFF `ftyp` box with a HEIF brand: what iPhones save photos as. */
function isHeif(bytes: Buffer): boolean {
  if (ascii(bytes, 4, 8) !== 'ftyp') return false;
  return ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif'].includes(ascii(bytes, 8, 12));
}
