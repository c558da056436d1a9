import { RedressError } from '../errors.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { FileStoragePort } from './file-storage.port.js';

/**
 * A FileStoragePort that refuses to grow past UPLOAD_DISK_QUOTA_MB, so a flood of uploads fills the quota, not the
 * disk the server and Redis live on. Usage is counted in Redis (`P:{storage}:used`, each key's size in
 * `P:{storage}:sizes`) so every process sharing the store sees one figure; deletes (the retention sweep) give
 * the space back. Files written before the quota was enabled are not counted.
 *
 * A stream is counted as it arrives and aborted the moment it would pass the quota, so uploads running side by
 * side can overshoot by at most what they had received when the last one checked.
 *
 * @example
 * const storage = new QuotaFileStorage(new LocalFileStorage({ dir }), redis, keys, 2048 * 1024 * 1024);
 */
export class QuotaFileStorage implements FileStoragePort {
  constructor(
    private readonly inner: FileStoragePort,
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    /** 0: no quota (usage is still counted). */
    private readonly quotaBytes: number,
  ) {}

  /** Bytes currently stored through this store. */
  async usedBytes(): Promise<number> {
    return Number(await this.redis.get(this.keys.storage.usedBytes())) || 0;
  }

  async put(key: string, bytes: Buffer, mimeType: string): Promise<{ url: string; sizeBytes: number }> {
    const used = await this.usedBytes();
    if (this.quotaBytes && used + bytes.length > this.quotaBytes) throw full(this.quotaBytes);
    const stored = await this.inner.put(key, bytes, mimeType);
    await this.record(key, stored.sizeBytes);
    return stored;
  }

  async putStream(key: string, source: AsyncIterable<Buffer>, mimeType: string): Promise<{ url: string; sizeBytes: number }> {
    const used = await this.usedBytes();
    if (this.quotaBytes && used >= this.quotaBytes) throw full(this.quotaBytes);
    const stored = await this.inner.putStream(key, this.quotaBytes ? capped(source, this.quotaBytes - used, this.quotaBytes) : source, mimeType);
    await this.record(key, stored.sizeBytes);
    return stored;
  }

  get(key: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
    return this.inner.get(key);
  }

  async delete(key: string): Promise<void> {
    await this.inner.delete(key);
    const size = Number(await this.redis.hget(this.keys.storage.sizes(), key)) || 0;
    await this.redis.multi().hdel(this.keys.storage.sizes(), key).decrby(this.keys.storage.usedBytes(), size).exec();
  }

  private async record(key: string, sizeBytes: number): Promise<void> {
    // A rewrite of the same key (Telegram resends a photo) counts only the difference.
    const old = Number(await this.redis.hget(this.keys.storage.sizes(), key)) || 0;
    await this.redis.multi().hset(this.keys.storage.sizes(), key, sizeBytes).incrby(this.keys.storage.usedBytes(), sizeBytes - old).exec();
  }
}

async function* capped(source: AsyncIterable<Buffer>, roomBytes: number, quotaBytes: number): AsyncIterable<Buffer> {
  let seen = 0;
  for await (const chunk of source) {
    seen += chunk.length;
    if (seen > roomBytes) throw full(quotaBytes);
    yield chunk;
  }
}

function full(quotaBytes: number): RedressError {
  return new RedressError('storage.full', `the upload store is full (quota ${Math.round(quotaBytes / 1048576)} MB)`, { quotaBytes });
}
