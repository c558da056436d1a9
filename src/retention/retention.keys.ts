import type { RedisKeys } from '../redis/redis-keys.js';

/**
 * Redis keys the evidence retention job owns, defined in the key registry (src/redis/redis-keys.ts)
 * under the tag `{retention}` (`P` = REDIS_KEY_PREFIX).
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P:{retention}:due` | zset | complaint ids scored by when their oldest still-kept file was stored (epoch ms) |
 * | `P:{retention}:stored` | zset | storage keys scored by when they were first written (TrackedFileStorage) |
 * | `P:{retention}:backfilled` | string | set once every complaint that existed before the job has been scored |
 * | `P:{retention}:lock` | string | lease (SET NX PX) so one process sweeps at a time |
 */
export type RetentionKeys = RedisKeys['retention'];

export function retentionKeys(keys: Pick<RedisKeys, 'retention'>): RetentionKeys {
  return keys.retention;
}
