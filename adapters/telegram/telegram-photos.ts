import { createHash } from 'node:crypto';
import type { Telegram } from 'telegraf';
import type { Logger } from '../../src/logging/logger.js';
import type { Attachment, InboundMessage } from '../../src/messages/message.types.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import { tokenRedactor } from './telegram.errors.js';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };
const DOWNLOAD_TIMEOUT_MS = 30_000;

export interface TelegramPhotosOptions {
  apiRoot: string;
  token: string;
  maxBytes: number;
  logger: Logger;
}

/**
 * Photo evidence: getFile → `<apiRoot>/file/bot<token>/<file_path>` → the storage port, so agents can see it.
 * Only images we can show are fetched, and only up to UPLOAD_MAX_BYTES; anything else keeps its size and type so
 * the dialog can explain. A failed download leaves the attachment without a url (logged, never with the URL:
 * it holds the token).
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
    const ext = EXT[a.mimeType ?? ''];
    if (a.kind !== 'image' || !a.fileId || !ext || (a.sizeBytes ?? 0) > this.opts.maxBytes) return a;
    try {
      const file = await this.telegram.getFile(a.fileId);
      if ((file.file_size ?? 0) > this.opts.maxBytes) return { ...a, sizeBytes: file.file_size };
      if (!file.file_path) return a;
      const bytes = await this.download(file.file_path);
      if (!bytes) return { ...a, sizeBytes: Math.max(a.sizeBytes ?? 0, this.opts.maxBytes + 1) };
      const name = createHash('sha256').update(file.file_unique_id || a.fileId).digest('hex').slice(0, 32);
      const { url, sizeBytes } = await this.storage.put(`telegram/${safeSegment(chatId)}/${name}.${ext}`, bytes, a.mimeType ?? 'image/jpeg');
      return { ...a, url, sizeBytes };
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

/** Chat ids are numbers (negative for groups); keep storage keys to letters, digits and `-`. */
function safeSegment(s: string): string {
  return s.replace(/[^\w-]/g, '_').slice(0, 64) || 'chat';
}
