import { isOpen } from '../complaints/complaint-state-machine.js';
import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys, ReleasedKeys } from '../redis/redis-keys.js';
import type { SlaScheduler } from '../sla/sla-scheduler.js';
import { readReleasedCase } from './released-complaint.js';

/** What became of one released case. */
export type CaseOutcome =
  | { kind: 'migrated'; events: number; open: boolean }
  | { kind: 'already' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'would-migrate'; events: number; open: boolean };

/** Where a test may stop a run as a crash would (after the case is written, after its change notice). */
export type CaseStage = 'restored' | 'noticed';

export interface CaseMigrationDeps {
  redis: RedisClient;
  keys: RedisKeys;
  old: ReleasedKeys;
  /** The current store, due time 0: its change is due for any change worker at once. */
  store: RedisComplaintStore;
  sla: Pick<SlaScheduler, 'schedule'>;
  now: () => number;
  keepOld: boolean;
  dryRun: boolean;
  checkpoint?: (stage: CaseStage, id: string) => void;
}

/**
 * Moves one released case through the current store's own write path, in an order a crash can resume:
 * 1. `store.restore`: the case with its whole timeline, status set, open zset and the indexes by consumer, order,
 *    merchant and day, exactly as a case restored from the archive (nothing written if it is there already).
 * 2. Open cases: an empty change (`store.update`, no events) through the change log, so a change worker runs its
 *    side effects as for any change: the agents' queue index, workspaces, the archive projection. No consumer
 *    message (no events to render), no handoff (the status did not change).
 * 3. Open cases: their SLA timers, as the created change schedules them (idempotent by job id), except deadlines
 *    met or already breached under the released version (a breach fired there; firing again would escalate twice).
 * 4. Marked done in the migration hash, then the old keys and index entries deleted (unless keepOld).
 * A run that dies anywhere before 4 repeats 1–3 next time: 1 writes nothing twice, 2 is one more empty version,
 * 3 adds no job twice.
 */
export async function migrateReleasedCase(d: CaseMigrationDeps, id: string): Promise<CaseOutcome> {
  const { redis, keys, old } = d;
  if (await redis.hexists(keys.migration(), `case:${id}`)) {
    if (!d.keepOld && !d.dryRun) await deleteOld(d, id);
    return { kind: 'already' };
  }
  const [raw, rawTimeline] = await Promise.all([redis.get(old.complaint(id)), redis.lrange(old.timeline(id), 0, -1)]);
  const read = readReleasedCase(id, raw, rawTimeline);
  if (!read.ok) return { kind: 'skipped', reason: read.reason };
  const { complaint, timeline } = read;
  const current = await d.store.getHot(id);
  // A number the current code gave out again before the migration ran (its counter started afresh): two cases, one id.
  if (current && (current.consumerId !== complaint.consumerId || current.createdAt !== complaint.createdAt)) {
    return { kind: 'skipped', reason: `the number is taken by a case filed after the upgrade (consumer ${current.consumerId})` };
  }
  const open = isOpen(complaint.status);
  if (d.dryRun) return { kind: 'would-migrate', events: timeline.length, open };
  await d.store.restore(complaint, timeline);
  d.checkpoint?.('restored', id);
  if (open) {
    const { notice } = await d.store.update(id, (c) => ({ complaint: c, events: [] }));
    d.checkpoint?.('noticed', id);
    await d.sla.schedule(withoutFiredDeadlines(notice.complaint, timeline));
  }
  await redis.hset(keys.migration(), `case:${id}`, String(d.now()));
  if (!d.keepOld) await deleteOld(d, id, complaint);
  return { kind: 'migrated', events: timeline.length, open };
}

/** The case as the SLA scheduler should see it: deadlines breached in the released version count as met (no second breach). */
function withoutFiredDeadlines(c: Complaint, timeline: TimelineEvent[]): Complaint {
  const breached = timeline.filter((e) => e.type === 'sla_breached' && typeof e.data?.kind === 'string');
  if (!breached.length) return c;
  return { ...c, slaMet: { ...Object.fromEntries(breached.map((e) => [e.data!.kind as string, e.at])), ...c.slaMet } };
}

/** The case's old keys and its entries in the old indexes: one MULTI (the released layout is one slot). */
async function deleteOld({ redis, old }: CaseMigrationDeps, id: string, known?: Complaint): Promise<void> {
  const c = known ?? await oldCase(redis, old, id);
  const tx = redis.multi().del(old.complaint(id), old.timeline(id)).zrem(old.open(), id).zrem(old.created(), id);
  if (c) {
    tx.srem(old.byStatus(c.status), id).zrem(old.byConsumer(c.consumerId), id);
    if (c.orderId) tx.srem(old.byOrder(c.orderId), id);
    if (c.merchantId) tx.zrem(old.byMerchant(c.merchantId), id);
  }
  await tx.exec();
}

async function oldCase(redis: RedisClient, old: ReleasedKeys, id: string): Promise<Complaint | null> {
  const raw = await redis.get(old.complaint(id));
  try {
    return raw ? (JSON.parse(raw) as Complaint) : null;
  } catch {
    return null;
  }
}
