/**
 * `npm run migrate:redis [-- --dry-run] [--keep-old] [--old-prefix '{redress}']`: moves the released key layout
 * (every key under one `{redress}` tag, Redress up to 94f55dc) into the current one, against the Redis that
 * REDIS_URL / REDIS_SENTINELS / REDIS_CLUSTER_NODES and REDIS_KEY_PREFIX name, as `npm start` reads them.
 * Safe to run again, and to run again after it was stopped half-way. See README, Upgrading.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config/config.js';
import { isRedressError } from '../src/errors.js';
import { createLogger } from '../src/logging/logger.js';
import { formatSummary } from '../src/migration/released-layout.migration.js';
import { runReleasedLayoutMigration } from '../src/migration/released-layout.runner.js';
import { releasedPrefixFor } from '../src/migration/released-layout.warning.js';
import { createRedis } from '../src/redis/redis-connection.js';

const USAGE = "usage: npm run migrate:redis -- [--dry-run] [--keep-old] [--old-prefix '{redress}']";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, 'keep-old': { type: 'boolean', default: false }, 'old-prefix': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const redis = createRedis(
    { url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES, sentinels: config.REDIS_SENTINELS, sentinelName: config.REDIS_SENTINEL_NAME },
    // Fail fast when Redis is unreachable instead of queueing the commands forever.
    { maxRetriesPerRequest: 2, retryStrategy: (n) => (n > 3 ? null : 250) },
  );
  try {
    const releasedPrefix = values['old-prefix'] ?? releasedPrefixFor(config.REDIS_KEY_PREFIX);
    console.log(`Released layout (keys starting ${releasedPrefix}) → current layout (prefix ${config.REDIS_KEY_PREFIX})${values['keep-old'] ? ' (keeping the old keys)' : ''}`);
    const summary = await runReleasedLayoutMigration(redis, { prefix: config.REDIS_KEY_PREFIX, releasedPrefix, logger: createLogger(config.LOG_LEVEL), now: systemClock }, {
      dryRun: values['dry-run'], keepOld: values['keep-old'],
    });
    console.log(formatSummary(summary));
    if (summary.skipped.length) process.exitCode = 3;
  } finally {
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(isRedressError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
