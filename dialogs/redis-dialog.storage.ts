import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../src/redis/redis-connection.js';
import type { RedisKeys } from '../src/redis/redis-keys.js';

/**
 * Write with optimistic concurrency. KEYS: 1 item key. ARGV: 1 expected eTag ('*' or '' = any), 2 new eTag, 3 JSON, 4 ttl s.
 * Returns 1 written, 0 eTag mismatch. A checked write finding its own new eTag already stored returns 1 without
 * writing: ioredis resent it after the connection dropped with the reply in flight, and the first attempt landed.
 */
const WRITE = `local cur = redis.call('GET', KEYS[1])
if ARGV[1] ~= '*' and ARGV[1] ~= '' and cur then
  local stored = cjson.decode(cur).eTag
  if stored == ARGV[2] then return 1 end
  if stored ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
return 1`;

/**
 * botbuilder's Storage on Redis: read, write (eTag-checked, like botbuilder's own stores), delete.
 * Every value is JSON round-tripped, so it behaves the same as it would across processes.
 * Dialog state expires after `ttlSeconds` of inactivity (default 30 days) so abandoned drafts don't pile up.
 */
export class RedisDialogStorage implements Storage {
  private etag = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds = 30 * 86_400,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys.length) return {};
    const raws = await this.redis.mget(...keys.map((k) => this.keys.dialog(k)));
    const items: StoreItems = {};
    keys.forEach((k, i) => {
      const raw = raws[i];
      if (raw) items[k] = JSON.parse(raw);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(async ([key, value]) => {
      const ok = await this.redis.eval(WRITE, 1, ...this.writeArgs(key, value));
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
    for (const key of keys) multi.eval(WRITE, 1, ...this.writeArgs(key, changes[key]));
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
    const eTag = `${Date.now().toString(36)}-${process.pid}-${++this.etag}`;
    const expected = typeof value?.eTag === 'string' ? value.eTag : '*';
    return [this.keys.dialog(key), expected, eTag, JSON.stringify({ ...value, eTag }), String(this.ttlSeconds)];
  }
}

function conflict(key: string): Error {
  return new Error(`Storage: eTag conflict writing "${key}" (another turn changed it first)`);
}
