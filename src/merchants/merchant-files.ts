/**
 * What a merchant may attach: photos (the evidence formats) and PDFs, identified by their first bytes — never
 * by the name or the claimed type, both the sender's say-so. Bounded in count and size before anything is stored.
 */
import { randomUUID } from 'node:crypto';
import { RedressError } from '../errors.js';
import { sniffImage } from '../storage/image-sniffer.js';
import type { FileStoragePort } from '../storage/file-storage.port.js';
import type { MerchantFile } from './merchant-request.types.js';

export const MAX_MERCHANT_FILES = 5;

export interface IncomingFile {
  name: string;
  bytes: Buffer;
}

/** Why a file was refused; the merchant page words each in the reader's language. */
export type FileRefusal = 'file_type' | 'file_size' | 'file_count';

export function refuseFile(reason: FileRefusal, message: string, details: Record<string, unknown> = {}): RedressError {
  return new RedressError(reason === 'file_type' ? 'input.invalid' : 'input.too_large', message, { ...details, reason });
}

function sniff(bytes: Buffer): { mimeType: string; ext: string } | null {
  const image = sniffImage(bytes);
  if (image.ok) return image.type;
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? { mimeType: 'application/pdf', ext: 'pdf' } : null;
}

/** Checks every file before any is stored, so a refusal leaves nothing behind. */
export function checkFiles(files: IncomingFile[], maxBytes: number): Array<IncomingFile & { mimeType: string; ext: string }> {
  if (files.length > MAX_MERCHANT_FILES) throw refuseFile('file_count', `At most ${MAX_MERCHANT_FILES} files per answer.`, { max: MAX_MERCHANT_FILES });
  return files.map((f) => {
    if (f.bytes.length > maxBytes) throw refuseFile('file_size', `${f.name} is larger than ${Math.floor(maxBytes / 1_048_576)} MB.`, { name: f.name, maxBytes });
    const type = sniff(f.bytes);
    if (!type) throw refuseFile('file_type', `${f.name} is not a JPEG, PNG, WebP, GIF or PDF file.`, { name: f.name });
    return { ...f, ...type };
  });
}

/** A file name as shown to agents: no path, no control characters, bounded. */
function displayName(name: string, ext: string): string {
  const base = name.split(/[\\/]/).pop()?.replace(/[^\p{L}\p{N} ._()-]/gu, '').trim().slice(0, 100);
  return base || `file.${ext}`;
}

/** Stores checked files; if one fails, the ones already stored are removed before the error goes on. */
export async function storeFiles(storage: FileStoragePort, requestId: string, files: ReturnType<typeof checkFiles>): Promise<MerchantFile[]> {
  const stored: MerchantFile[] = [];
  try {
    for (const f of files) {
      const storageKey = `merchant/${requestId.replace(/[^\w.-]/g, '_')}/${randomUUID()}.${f.ext}`;
      const { sizeBytes } = await storage.put(storageKey, f.bytes, f.mimeType);
      stored.push({ name: displayName(f.name, f.ext), mimeType: f.mimeType, sizeBytes, storageKey });
    }
    return stored;
  } catch (err) {
    await removeFiles(storage, stored);
    throw err;
  }
}

export async function removeFiles(storage: FileStoragePort, files: MerchantFile[]): Promise<void> {
  await Promise.allSettled(files.map((f) => storage.delete(f.storageKey)));
}
