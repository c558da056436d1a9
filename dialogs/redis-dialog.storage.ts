import { randomBytes } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../src/redis/redis-connection.js';
import type { RedisKeys } from '../src/redis/redis-keys.js';
import { loadLua, queueLua, runLua } from '../src/redis/lua-script.js';

const WRITE = loadLua(new URL('./lua/write-dialog-state.lua', import.meta.url));

/**
 * botbuilder's Storage on Redis: read, write (eTag-checked, like botbuilder's own stores), delete.
 * Every value is JSON round-tripped, so it behaves the same as it would across processes.
 * Dialog state expires after `ttlSeconds` of inactivity (default 30 days) so abandoned drafts don't pile up.
 */
export class RedisDialogStorage implements Storage {
  private etag = 0;
  /** Unique per storage, so the eTags two processes write never collide. */
  private readonly instance = randomBytes(6).toString('hex');
  /** Values a caller already read for a turn (ConversationGate.enter's `alsoRead`), taken once by `read`. */
  private readonly primed = new Map<string, string | null>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds = 30 * 86_400,
  ) {}

  /** The Redis key an item is stored under (for a script that reads it along with other keys of its slot). */
  redisKey(storageKey: string): string {
    return this.keys.dialog(storageKey);
  }

  /**
   * `raw` is the item's stored value as just read under the turn's lease: the next `read` of this key takes it
   * instead of asking Redis. `unprime` drops it if the turn ended without reading it.
   */
  prime(storageKey: string, raw: string | null): void {
    this.primed.set(storageKey, raw);
  }

  unprime(storageKey: string): void {
    this.primed.delete(storageKey);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys.length) return {};
    const items: StoreItems = {};
    const rest = keys.filter((k) => {
      if (!this.primed.has(k)) return true;
      const raw = this.primed.get(k);
      this.primed.delete(k);
      if (raw) items[k] = JSON.parse(raw);
      return false;
    });
    if (!rest.length) return items;
    const raws = await this.redis.mget(...rest.map((k) => this.keys.dialog(k)));
    rest.forEach((k, i) => {
      const raw = raws[i];
      if (raw) items[k] = JSON.parse(raw);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(async ([key, value]) => {
      const [k, ...args] = this.writeArgs(key, value);
      const ok = await runLua(this.redis, WRITE, [k], args);
      if (ok !== 1) throw conflict(key);
    }));
  }

  /**
   * `write`, with `alsoQueue`'s commands (a turn's lease release) in the same MULTI: one round trip, and
   * applied together, so no other turn can take the conversation between the write and the release.
   */
  async writeWith(changes: StoreItems, alsoQueue: (multi: ChainableCommander) => void): Promise<void> {
    const multi = this.redis.multi();
    const keys = Object.keys(changes);
    for (const key of keys) {
      const [k, ...args] = this.writeArgs(key, changes[key]);
      queueLua(multi, WRITE, [k], args);
    }
    alsoQueue(multi);
    const replies = await multi.exec();
    if (!replies) throw new Error('Storage: the write transaction was aborted');
    replies.forEach(([err, reply], i) => {
      if (err) throw err;
      if (i < keys.length && reply !== 1) throw conflict(keys[i]!);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.keys.dialog(k)));
  }

  /** KEYS and ARGV of WRITE for one item: a fresh eTag, checked against the one it was read with. */
  private writeArgs(key: string, value: StoreItem | undefined): [string, string, string, string, string] {
    const eTag = `${this.instance}-${++this.etag}`;
    const expected = typeof value?.eTag === 'string' ? value.eTag : '*';
    return [this.keys.dialog(key), expected, eTag, JSON.stringify({ ...value, eTag }), String(this.ttlSeconds)];
  }
}

function conflict(key: string): Error {
  return new Error(`Storage: eTag conflict writing "${key}" (another turn changed it first)`);
}
