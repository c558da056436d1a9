import { RedisAgentStore } from '../agents/redis-agent.store.js';
import type { Clock } from '../clock.js';
import { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { Logger } from '../logging/logger.js';
import { QUEUE } from '../queues/queue-names.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { redisKeys, releasedKeys } from '../redis/redis-keys.js';
import { SlaScheduler } from '../sla/sla-scheduler.js';
import { migrateReleasedLayout, type MigrationOptions, type MigrationSummary } from './released-layout.migration.js';

export interface ReleasedLayoutRun {
  /** REDIS_KEY_PREFIX (the current layout). */
  prefix: string;
  /** The released layout's prefix, e.g. `{redress}`. */
  releasedPrefix: string;
  logger: Logger;
  now: Clock;
}

/**
 * One migration run wired from the current code's own parts: the complaint store (change lease 0, so the change
 * notices it writes are due for the app's change workers at once), the agent store and the SLA queue.
 */
export async function runReleasedLayoutMigration(redis: RedisClient, run: ReleasedLayoutRun, opts: MigrationOptions = {}): Promise<MigrationSummary> {
  const keys = redisKeys(run.prefix);
  // Not made for a dry run: opening a BullMQ queue writes its meta key, and a dry run writes nothing.
  const sla = opts.dryRun ? null : new SlaScheduler(redis, keys.queue(QUEUE.sla), run.logger, run.now);
  try {
    return await migrateReleasedLayout({
      redis, keys, old: releasedKeys(run.releasedPrefix), now: run.now,
      sla: sla ?? { schedule: () => Promise.reject(new Error('a dry run schedules nothing')) },
      store: new RedisComplaintStore(redis, keys, { changeLeaseMs: 0, now: run.now }),
      agents: new RedisAgentStore(redis, keys),
    }, opts);
  } finally {
    await sla?.close();
  }
}
