import type { Logger } from '../logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys, ReleasedKeys } from '../redis/redis-keys.js';

export const MIGRATE_COMMAND = 'npm run migrate:redis';

/** The released layout's prefix for a REDIS_KEY_PREFIX: the released code's default was the same name as a hash tag (`{redress}`). */
export function releasedPrefixFor(prefix: string): string {
  return `{${prefix}}`;
}

/**
 * Whether Redis still holds the released layout's cases or agents and no migration run finished: then this
 * version reads none of them (an empty Redress) until the operator migrates. Three EXISTS in one slot and one
 * HEXISTS: no SCAN at start-up. Never migrates by itself: that is the operator's call (and `--dry-run` first).
 */
export async function releasedLayoutPending(redis: RedisClient, keys: RedisKeys, old: ReleasedKeys): Promise<boolean> {
  const [present, complete] = await Promise.all([
    redis.exists(old.created(), old.open(), old.agents()),
    redis.hexists(keys.migration(), `complete:${old.prefix}`),
  ]);
  return present > 0 && complete === 0;
}

/** Logs the one start-up warning when the released layout is waiting; a Redis that does not answer here is left to the readiness check. */
export async function warnIfReleasedLayout(redis: RedisClient, keys: RedisKeys, old: ReleasedKeys, logger: Logger): Promise<boolean> {
  const pending = await releasedLayoutPending(redis, keys, old).catch(() => false);
  if (pending) {
    logger.warn({ releasedPrefix: old.prefix, command: MIGRATE_COMMAND },
      `Redis holds cases, timelines, profiles or agents in the released key layout (keys starting ${old.prefix}), which this version does not read: agents and consumers will not see them until you run \`${MIGRATE_COMMAND}\` (see README, Upgrading).`);
  }
  return pending;
}
