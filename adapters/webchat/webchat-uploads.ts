import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import { WebchatError } from './webchat.errors.js';
import { sniffImage } from './image-sniffer.js';
import type { WebchatKeys } from './webchat-keys.js';
import { newId } from './webchat-session.js';
import type { UploadRecord, WebchatSession } from './webchat.types.js';

const RECORD_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Photo evidence from the widget: checked by magic bytes, written through the storage port under the
 * conversation's own folder, and recorded in Redis so a later message can reference it by id.
 */
export class WebchatUploads {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: WebchatKeys,
    private readonly storage: FileStoragePort,
  ) {}

  async save(session: WebchatSession, bytes: Buffer): Promise<UploadRecord> {
    const sniff = sniffImage(bytes);
    if (!sniff.ok) {
      throw new WebchatError('upload.unsupported_type', sniff.heic
        ? 'HEIC photos (the iPhone default) cannot be shown here. Please send a JPEG or PNG: take a screenshot of the photo, or set Camera → Formats → Most Compatible.'
        : 'Only photos can be attached (JPEG, PNG, WebP or GIF). Please choose an image file.', 415);
    }
    const attachmentId = `${newId('att')}.${sniff.type.ext}`;
    const storageKey = storageKeyFor(session.conversationId, attachmentId);
    const { url, sizeBytes } = await this.storage.put(storageKey, bytes, sniff.type.mimeType);
    const record: UploadRecord = { attachmentId, storageKey, conversationId: session.conversationId, mimeType: sniff.type.mimeType, sizeBytes, url };
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
