/**
 * Keeps Redis to the hot state: a resolved, closed or cancelled case leaves Redis `ARCHIVE_AFTER_DAYS` after its
 * last change, once the archive holds its latest version and whole timeline. The store then reads it from the
 * archive (and restores it when it changes again, e.g. a reopen): see RedisComplaintStore.
 *
 * Never evicts what the archive has not got: a case the archive is behind on is projected first (the same
 * idempotent `archive` side effect), then compared again (version and timeline length); the delete itself is
 * a compare-and-delete script, refused when the case changed meanwhile or still has side effects or events due.
 *
 * Slack's per-case keys go with it: those in the case's shard in the same script, the thread key (another slot)
 * as a pointer noted with the index entries.
 *
 * Crash-safe: the index entries outside the case's slot (consumer, order, merchant, creation day) are noted in
 * `eviction.pending` before the case is deleted and removed after; the next sweep finishes any note it finds.
 * A Redis lease lets one process sweep at a time; cases are read in SSCAN pages of `batchSize`.
 *
 * @example
 * const eviction = new ArchiveEviction({ redis, keys, store, reader, projection, afterDays: 90, logger });
 * eviction.start();            // worker role; `await eviction.stop()` on shutdown
 */
import { systemClock } from '../clock.js';
import { randomBytes } from 'node:crypto';
import type { Complaint, ComplaintStatus } from '../complaints/complaint.types.js';
import { outboxMember, type RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { Logger } from '../logging/logger.js';
import { loadLua, runLua } from '../redis/lua-script.js';
import { IntervalSweep } from '../queues/interval-sweep.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { utcDay, type RedisKeys } from '../redis/redis-keys.js';
import type { ArchiveProjection } from './archive-projection.js';
import type { ArchiveReader } from './archive-reader.js';

const EVICT = loadLua(new URL('./lua/evict-complaint.lua', import.meta.url));
const RELEASE = loadLua(new URL('../redis/lua/release-lease.lua', import.meta.url));
const DAY_MS = 86_400_000;
/** Statuses a case rests in once nobody works on it; `reopened` is open again and stays. */
export const EVICTABLE: readonly ComplaintStatus[] = ['resolved', 'closed', 'cancelled'];

export interface ArchiveEvictionOptions {
  redis: RedisClient;
  keys: RedisKeys;
  store: RedisComplaintStore;
  reader: ArchiveReader;
  projection: ArchiveProjection;
  /** ARCHIVE_AFTER_DAYS (> 0). */
  afterDays: number;
  logger: Logger;
  now?: () => number;
  /** Between sweeps; one hour by default. */
  intervalMs?: number;
  /** Case ids read per SSCAN page. */
  batchSize?: number;
}

export interface EvictionResult {
  /** Another process held the lease. */
  skipped: boolean;
  evicted: number;
  /** Old enough but kept: the archive could not be brought up to date, or side effects or events were still due. */
  kept: number;
  /** Evictions a previous sweep left half done, finished now. */
  resumed: number;
}

/**
 * The index entries of a case outside its slot, noted before its delete; `pointers` are keys in other slots that
 * lead back to it (Slack's thread → case key), found from the case's own keys while they still exist.
 */
interface PendingEntries { consumerId: string; orderId: string | null; merchantId: string | null; createdAt: number; pointers?: string[] }

export class ArchiveEviction {
  private readonly now: () => number;
  private readonly every: IntervalSweep;

  constructor(private readonly o: ArchiveEvictionOptions) {
    this.now = o.now ?? systemClock;
    this.every = new IntervalSweep(() => this.sweep().then((r) => { if (r.evicted || r.kept) this.o.logger.info({ evicted: r.evicted, kept: r.kept, resumed: r.resumed }, 'archive: closed cases left Redis'); }), o.intervalMs ?? 3_600_000,
      (err: unknown) => this.o.logger.error({ err: (err as Error).message }, 'archive: eviction sweep failed; retrying at the next interval'));
  }

  /** Sweeps now and then every `intervalMs`; a failed sweep is logged and retried next time. */
  start(): void {
    this.every.start();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    await this.every.stop();
  }

  async sweep(): Promise<EvictionResult> {
    const lock = this.o.keys.eviction.lock();
    const token = randomBytes(9).toString('base64url');
    const leaseMs = Math.max(60_000, (this.o.intervalMs ?? 3_600_000) * 2);
    const result: EvictionResult = { skipped: false, evicted: 0, kept: 0, resumed: 0 };
    if ((await this.o.redis.set(lock, token, 'PX', leaseMs, 'NX')) !== 'OK') return { ...result, skipped: true };
    try {
      result.resumed = await this.finishPending();
      const cutoff = this.now() - this.o.afterDays * DAY_MS;
      for (const n of this.o.keys.shards()) {
        for (const status of EVICTABLE) await this.sweepSet(this.o.keys.byStatus(status, n), cutoff, result);
      }
      return result;
    } finally {
      await runLua(this.o.redis, RELEASE, [lock], [token]);
    }
  }

  private async sweepSet(set: string, cutoff: number, result: EvictionResult): Promise<void> {
    let cursor = '0';
    do {
      const [next, ids] = await this.o.redis.sscan(set, cursor, 'COUNT', this.o.batchSize ?? 100);
      cursor = next;
      const hot = await Promise.all(ids.map((id) => this.o.store.getHot(id)));
      for (const c of hot) {
        if (!c || !EVICTABLE.includes(c.status) || c.updatedAt > cutoff) continue;
        if (await this.evict(c)) result.evicted++;
        else result.kept++;
      }
    } while (cursor !== '0');
  }

  /** Evicts one case if the archive holds it as Redis does (bringing the archive up to date first). */
  private async evict(c: Complaint): Promise<boolean> {
    const k = this.o.keys;
    const length = await this.o.redis.llen(k.timeline(c.id));
    if (!(await this.archiveHolds(c, length))) {
      await this.o.projection.project({ complaint: c, previous: null, events: [] });
      if (!(await this.archiveHolds(c, length))) return false;
    }
    const pending = k.eviction.pending();
    const thread = k.slack.threadOfRef(await this.o.redis.get(k.slack.message(c.id)));
    const entries: PendingEntries = {
      consumerId: c.consumerId, orderId: c.orderId, merchantId: c.merchantId ?? null, createdAt: c.createdAt, pointers: thread ? [thread] : [],
    };
    // Before the case leaves the indexes, so no list misses it: from now on the consumer's and the order's lists
    // ask the archive (they do not otherwise; a marker left by a refused eviction only costs that lookup).
    await Promise.all([
      this.o.redis.hset(pending, c.id, JSON.stringify(entries)),
      this.o.redis.set(k.archivedByConsumer(c.consumerId), '1'),
      c.orderId ? this.o.redis.set(k.archivedByOrder(c.orderId), '1') : undefined,
    ]);
    const n = k.shardOf(c.id);
    const done = await runLua(this.o.redis, EVICT, [
      k.complaint(c.id), k.timeline(c.id), k.byStatus(c.status, n), k.open(n), k.outbox(n),
      k.changeRecord(c.id, c.version), k.changeProgress(c.id, c.version), k.desk.rows(n), k.desk.versions(n), k.desk.members(n),
      k.events.queue(c.id), k.events.bodies(c.id), k.events.sent(c.id), k.events.due(n), k.events.tries(n),
      ...k.slack.caseKeys(c.id),
    ], [c.id, c.version, length, outboxMember(c.id, c.version)]);
    if (done !== 1) {
      await this.o.redis.hdel(pending, c.id);
      return false;
    }
    await this.dropEntries(c.id, entries);
    return true;
  }

  private async archiveHolds(c: Complaint, timelineLength: number): Promise<boolean> {
    const held = await this.o.reader.holding(c.id);
    return held !== null && held.version === c.version && held.events >= timelineLength;
  }

  /** The index entries outside the case's slot; each removal is idempotent. */
  private async dropEntries(id: string, e: PendingEntries): Promise<void> {
    const k = this.o.keys;
    await Promise.all([
      this.o.redis.zrem(k.byConsumer(e.consumerId), id),
      this.o.redis.zrem(k.created(utcDay(e.createdAt)), id),
      e.orderId ? this.o.redis.srem(k.byOrder(e.orderId), id) : undefined,
      e.merchantId ? this.o.redis.zrem(k.byMerchant(e.merchantId), id) : undefined,
      ...(e.pointers ?? []).map((key) => this.o.redis.del(key)),
    ]);
    // A change that restored the case just now (a reopen) wrote these entries too: put them back.
    const restored = await this.o.store.getHot(id);
    if (restored) await this.o.store.writeIndexes(restored);
    await this.o.redis.hdel(k.eviction.pending(), id);
  }

  /**
   * Notes a sweep left behind: a case Redis still holds was not deleted (its indexes are intact: drop the note);
   * one it no longer holds was, so its entries outside the slot go now.
   */
  private async finishPending(): Promise<number> {
    const pending = this.o.keys.eviction.pending();
    let resumed = 0;
    let cursor = '0';
    do {
      const [next, flat] = await this.o.redis.hscan(pending, cursor, 'COUNT', this.o.batchSize ?? 100);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const id = flat[i]!;
        if (await this.o.redis.exists(this.o.keys.complaint(id))) {
          await this.o.redis.hdel(pending, id);
          continue;
        }
        await this.dropEntries(id, JSON.parse(flat[i + 1]!) as PendingEntries);
        resumed++;
      }
    } while (cursor !== '0');
    return resumed;
  }
}
