import { systemClock } from '../clock.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { FileStoragePort } from '../storage/file-storage.port.js';
import { retentionKeys, type RetentionKeys } from './retention.keys.js';

/**
 * A FileStoragePort that remembers when each key was written (`P:retention:stored`), so the retention sweep can
 * also delete files no complaint ever referenced (an intake abandoned after the photo step). Wraps any store.
 *
 * @example
 * const storage = new TrackedFileStorage(new LocalFileStorage({ dir }), redis, keys);
 */
export class TrackedFileStorage implements FileStoragePort {
  private readonly keys: RetentionKeys;

  constructor(
    private readonly inner: FileStoragePort,
    private readonly redis: RedisClient,
    keys: RedisKeys,
    private readonly now: () => number = systemClock,
  ) {
    this.keys = retentionKeys(keys);
  }

  async put(key: string, bytes: Buffer, mimeType: string): Promise<{ url: string; sizeBytes: number }> {
    const stored = await this.inner.put(key, bytes, mimeType);
    // NX: a rewrite of the same key (Telegram resends a photo) keeps its first upload time.
    await this.redis.zadd(this.keys.stored(), 'NX', this.now(), key);
    return stored;
  }

  async putStream(key: string, source: AsyncIterable<Buffer>, mimeType: string): Promise<{ url: string; sizeBytes: number }> {
    const stored = await this.inner.putStream(key, source, mimeType);
    await this.redis.zadd(this.keys.stored(), 'NX', this.now(), key);
    return stored;
  }

  get(key: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
    return this.inner.get(key);
  }

  async delete(key: string): Promise<void> {
    await this.inner.delete(key);
    await this.redis.zrem(this.keys.stored(), key);
  }

  /** Keys written at or before `cutoff`, oldest first. */
  storedBefore(cutoff: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.stored(), '-inf', cutoff, 'LIMIT', 0, limit);
  }
}
