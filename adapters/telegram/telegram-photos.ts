import { systemClock } from '../../src/clock.js';
import { createHash } from 'node:crypto';
import type { Telegram } from 'telegraf';
import type { Logger } from '../../src/logging/logger.js';
import type { Attachment, InboundMessage } from '../../src/messages/message.types.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import { sniffImage } from '../../src/storage/image-sniffer.js';
import { tokenRedactor } from './telegram.errors.js';

const DOWNLOAD_TIMEOUT_MS = 30_000;

export interface TelegramPhotosOptions {
  apiRoot: string;
  token: string;
  maxBytes: number;
  logger: Logger;
  /** Clock for `storedAt`; Date.now by default. */
  now?: () => number;
}

/**
 * Photo evidence: getFile → `<apiRoot>/file/bot<token>/<file_path>` → the storage port, so agents can see it.
 * Photos and documents are fetched up to UPLOAD_MAX_BYTES and their type is read from their first bytes (the
 * shared sniffer the widget's uploads use), never from the sender's mime_type or file name: a PDF named
 * `photo.jpg` arrives as a file the dialog refuses politely, a real PNG sent as a document is a photo. Anything
 * larger keeps its size so the dialog can explain. A failed download leaves the attachment without a url
 * (logged, never with the URL: it holds the token).
 */
export class TelegramPhotos {
  constructor(
    private readonly telegram: Telegram,
    private readonly storage: FileStoragePort,
    private readonly opts: TelegramPhotosOptions,
  ) {}

  async store(message: InboundMessage): Promise<InboundMessage> {
    if (!message.attachments?.length) return message;
    const attachments = await Promise.all(message.attachments.map((a) => this.storeOne(message.address.conversationId, a)));
    return { ...message, attachments };
  }

  private async storeOne(chatId: string, a: Attachment): Promise<Attachment> {
    if (!a.fileId || (a.sizeBytes ?? 0) > this.opts.maxBytes) return a;
    try {
      const file = await this.telegram.getFile(a.fileId);
      if ((file.file_size ?? 0) > this.opts.maxBytes) return { ...a, sizeBytes: file.file_size };
      if (!file.file_path) return a;
      const bytes = await this.download(file.file_path);
      if (!bytes) return { ...a, sizeBytes: Math.max(a.sizeBytes ?? 0, this.opts.maxBytes + 1) };
      const sniffed = sniffImage(bytes);
      // Not an image we can show, whatever it claimed: the dialog says what it takes (HEIC named, since iPhones send it).
      if (!sniffed.ok) return { ...a, kind: 'file', mimeType: sniffed.heic ? 'image/heic' : nonImageType(a.mimeType), sizeBytes: bytes.length };
      const name = createHash('sha256').update(file.file_unique_id || a.fileId).digest('hex').slice(0, 32);
      const storageKey = `telegram/${safeSegment(chatId)}/${name}.${sniffed.type.ext}`;
      const { url, sizeBytes } = await this.storage.put(storageKey, bytes, sniffed.type.mimeType);
      return { ...a, kind: 'image', mimeType: sniffed.type.mimeType, url, sizeBytes, storageKey, storedAt: (this.opts.now ?? systemClock)() };
    } catch (err) {
      this.opts.logger.warn({ err: tokenRedactor(this.opts.token)((err as Error).message), channel: 'telegram' }, 'telegram: photo could not be downloaded');
      return a;
    }
  }

  /** The file's bytes, or null when it turns out larger than the limit (read no further than that). */
  private async download(filePath: string): Promise<Buffer | null> {
    const url = new URL(`file/bot${this.opts.token}/${filePath}`, this.opts.apiRoot.endsWith('/') ? this.opts.apiRoot : `${this.opts.apiRoot}/`);
    const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!res.ok || !res.body) throw new Error(`file download answered ${res.status}`);
    if (Number(res.headers.get('content-length') ?? 0) > this.opts.maxBytes) {
      await res.body.cancel();
      return null;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > this.opts.maxBytes) return null;
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }
}

/** The claimed type of a file that is no image: kept when it says so honestly (application/pdf), else unknown. */
function nonImageType(claimed: string | undefined): string {
  return claimed && !claimed.startsWith('image/') ? claimed : 'application/octet-stream';
}

/** Chat ids are numbers (negative for groups); keep storage keys to letters, digits and `-`. */
function safeSegment(s: string): string {
  return s.replace(/[^\w-]/g, '_').slice(0, 64) || 'chat';
}
