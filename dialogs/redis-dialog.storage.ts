import type { Storage, StoreItems } from 'botbuilder';
import type { RedisClient } from '../src/redis/redis-connection.js';
import type { RedisKeys } from '../src/redis/redis-keys.js';

/**
 * Write with optimistic concurrency. KEYS: 1 item key. ARGV: 1 expected eTag ('*' or '' = any), 2 new eTag, 3 JSON, 4 ttl s.
 * Returns 1 written, 0 eTag mismatch.
 */
const WRITE = `local cur = redis.call('GET', KEYS[1])
if ARGV[1] ~= '*' and ARGV[1] ~= '' and cur then
  if cjson.decode(cur).eTag ~= ARGV[1] then return 0 end
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
      const eTag = `${Date.now().toString(36)}-${process.pid}-${++this.etag}`;
      const expected = typeof value?.eTag === 'string' ? value.eTag : '*';
      const ok = await this.redis.eval(WRITE, 1, this.keys.dialog(key), expected, eTag, JSON.stringify({ ...value, eTag }), String(this.ttlSeconds));
      if (ok !== 1) throw new Error(`Storage: eTag conflict writing "${key}" (another turn changed it first)`);
    }));
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.keys.dialog(k)));
  }
}
