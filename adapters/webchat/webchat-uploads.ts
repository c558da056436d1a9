import { systemClock } from '../../src/clock.js';
import type { Locale } from '../../src/complaints/complaint.types.js';
import { RedressError } from '../../src/errors.js';
import { t } from '../../src/i18n/catalog.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import { WebchatError } from './webchat.errors.js';
import { sniffImage } from '../../src/storage/image-sniffer.js';
import { hourly } from './webchat-upload-limits.js';
import type { WebchatKeys } from './webchat-keys.js';
import { newId } from './webchat-session.js';
import type { UploadRecord, WebchatSession } from './webchat.types.js';

const RECORD_TTL_SECONDS = 7 * 24 * 3600;
/** Enough for every signature image-sniffer.ts checks (WebP's is at 8–12, HEIF's brand at 8–12). */
const SNIFF_BYTES = 16;

export interface UploadSaveOptions {
  locale: Locale;
  /** UPLOAD_MAX_BYTES: one photo. */
  maxBytes: number;
  /** What the hourly byte quotas still allow; passing it is refused as over quota, not as too large a photo. */
  roomBytes: number;
  /** Minutes until the hourly byte quota frees up, for the refusal's text. */
  quotaRetryMs?: number;
}

/**
 * Photo evidence from the widget: checked by magic bytes, written through the storage port under the
 * conversation's own folder, and recorded in Redis so a later message can reference it by id.
 */
export class WebchatUploads {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: WebchatKeys,
    private readonly storage: FileStoragePort,
    private readonly now: () => number = systemClock,
  ) {}

  /**
   * Streams one photo to storage: the type is sniffed from the first bytes, the rest counted as it arrives and
   * the write aborted (partial file removed) once it passes `maxBytes`, so no upload is ever held whole in memory.
   */
  async save(session: WebchatSession, source: AsyncIterable<Buffer>, opts: UploadSaveOptions): Promise<UploadRecord> {
    const { locale } = opts;
    const iterator = source[Symbol.asyncIterator]();
    const head = await readHead(iterator, SNIFF_BYTES);
    const sniff = sniffImage(head.bytes);
    if (!sniff.ok) throw new WebchatError('upload.unsupported_type', t(locale, sniff.heic ? 'upload.heic' : 'upload.unsupported_type'), 415);
    const attachmentId = `${newId('att')}.${sniff.type.ext}`;
    const storageKey = storageKeyFor(session.conversationId, attachmentId);
    let stored: { url: string; sizeBytes: number };
    try {
      stored = await this.storage.putStream(storageKey, counted(head, iterator, opts), sniff.type.mimeType);
    } catch (err) {
      if (err instanceof RedressError && err.code === 'storage.full') throw new WebchatError('upload.store_full', t(locale, 'upload.store_full'), 507);
      throw err;
    }
    const record: UploadRecord = { attachmentId, storageKey, conversationId: session.conversationId, mimeType: sniff.type.mimeType, sizeBytes: stored.sizeBytes, url: stored.url, storedAt: this.now() };
    await this.redis.set(this.keys.upload(attachmentId), JSON.stringify(record), 'EX', RECORD_TTL_SECONDS);
    return record;
  }

  /** The records behind a message's attachment ids; each must belong to the sender's conversation. */
  async resolve(conversationId: string, ids: string[] | undefined): Promise<UploadRecord[]> {
    if (!ids?.length) return [];
    const raws = await Promise.all(ids.map((id) => this.redis.get(this.keys.upload(id))));
    return raws.map((raw) => {
      const rec = raw ? (JSON.parse(raw) as UploadRecord) : null;
      if (!rec || rec.conversationId !== conversationId) {
        throw new WebchatError('attachment.not_found', 'That photo could not be found (it may have expired). Please upload it again.');
      }
      return rec;
    });
  }

  /** A file of the session's own conversation: the key is derived from the token, so no other chat's file is reachable. */
  async read(session: WebchatSession, attachmentId: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
    if (!/^att_[\w-]+\.(jpg|png|webp|gif)$/.test(attachmentId)) return null;
    return this.storage.get(storageKeyFor(session.conversationId, attachmentId));
  }
}

function storageKeyFor(conversationId: string, attachmentId: string): string {
  return `webchat/${conversationId}/${attachmentId}`;
}

/** The first `n` bytes (or all there are), and the chunks they came from, to be written first. */
async function readHead(iterator: AsyncIterator<Buffer>, n: number): Promise<{ bytes: Buffer; chunks: Buffer[] }> {
  const chunks: Buffer[] = [];
  let have = 0;
  while (have < n) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    have += next.value.length;
  }
  return { bytes: Buffer.concat(chunks).subarray(0, n), chunks };
}

/** The whole upload again (head first), failing the write the moment it passes a limit. */
async function* counted(head: { chunks: Buffer[] }, rest: AsyncIterator<Buffer>, opts: UploadSaveOptions): AsyncIterable<Buffer> {
  let seen = 0;
  const check = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > opts.maxBytes) throw tooLarge(opts);
    if (seen > opts.roomBytes) throw hourly(opts.locale, 'upload.hourly_bytes', opts.quotaRetryMs ?? 3_600_000);
    return chunk;
  };
  for (const chunk of head.chunks) yield check(chunk);
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield check(next.value);
}

export function tooLarge(opts: { locale: Locale; maxBytes: number }): WebchatError {
  const mb = (opts.maxBytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
  return new WebchatError('upload.too_large', t(opts.locale, 'upload.too_large', { mb }), 413);
}
