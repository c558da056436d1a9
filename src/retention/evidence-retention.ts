/**
 * Deletes stored files `UPLOAD_RETENTION_DAYS` after upload (consumers' evidence, and the files merchants sent with
 * their answers), through the storage port, and marks them expired on their complaint (with an `evidence_expired`
 * timeline event), so the case still shows they existed.
 *
 * Every process scores complaints as files arrive (`track`, a ComplaintEvents listener); the worker role sweeps
 * periodically (`start`/`stop`). A Redis lease lets one process sweep at a time; a sweep deletes the file first
 * and marks it second, so a crash in between deletes again (harmless) and marks on the next run.
 *
 * @example
 * const storage = new TrackedFileStorage(new LocalFileStorage({ dir }), redis, keys);   // also finds abandoned uploads
 * const retention = new EvidenceRetention({ complaints, storage, redis, keys, retentionDays: 365, logger });
 * events.on(retention.track);   // every role
 * retention.start();            // worker role; `await retention.stop()` on shutdown
 */
import { systemClock } from '../clock.js';
import { randomBytes } from 'node:crypto';
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import type { Complaint } from '../complaints/complaint.types.js';
import { isRedressError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { FileStoragePort } from '../storage/file-storage.port.js';
import { DAY_MS, dueFiles, expireDue, oldestKept } from './evidence-expiry.js';
import { retentionKeys, type RetentionKeys } from './retention.keys.js';
import { TrackedFileStorage } from './tracked-file.storage.js';
import { loadLua, runLua } from '../redis/lua-script.js';
import { IntervalSweep } from '../queues/interval-sweep.js';

export interface EvidenceRetentionOptions {
  complaints: ComplaintService;
  /** A TrackedFileStorage lets the sweep also delete files no complaint references. */
  storage: FileStoragePort;
  redis: RedisClient;
  keys: RedisKeys;
  /** UPLOAD_RETENTION_DAYS. */
  retentionDays: number;
  logger: Logger;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
  /** Between sweeps; one hour by default. */
  intervalMs?: number;
  /** Complaints read per round trip. */
  batchSize?: number;
}

export interface SweepResult {
  /** Another process held the lease. */
  skipped: boolean;
  /** Files deleted from complaints (marked expired there). */
  filesRemoved: number;
  complaints: number;
  /** Files no complaint referenced (abandoned uploads), deleted too when the storage is a TrackedFileStorage. */
  unreferenced: number;
}

const RELEASE = loadLua(new URL('../redis/lua/release-lease.lua', import.meta.url));
const TRACKED_EVENTS = new Set(['created', 'attached', 'consumer_message', 'merchant_answered']);

export class EvidenceRetention {
  private readonly keys: RetentionKeys;
  private readonly now: () => number;
  private readonly every: IntervalSweep;

  constructor(private readonly o: EvidenceRetentionOptions) {
    this.keys = retentionKeys(o.keys);
    this.now = o.now ?? systemClock;
    this.every = new IntervalSweep(() => this.sweep().then((r) => { if (r.filesRemoved) this.o.logger.info({ files: r.filesRemoved, complaints: r.complaints }, 'retention: expired evidence deleted'); }), o.intervalMs ?? 3_600_000,
      (err: unknown) => this.o.logger.error({ err: (err as Error).message }, 'retention: sweep failed; retrying at the next interval'));
  }

  /** ComplaintEvents listener: a change that may have added files scores the complaint by its oldest kept file. */
  readonly track = async (n: ComplaintChangeNotice): Promise<void> => {
    if (!n.events.some((e) => TRACKED_EVENTS.has(e.type))) return;
    const oldest = oldestKept(n.complaint);
    if (oldest === null) return;
    // LT: a later file never pushes the complaint's turn back. The change is committed already: a failure here
    // must not fail the consumer's turn, so it is logged (with the id only) instead of thrown.
    await this.o.redis.zadd(this.keys.due(), 'LT', oldest, n.complaint.id)
      .catch((err: unknown) => this.o.logger.warn({ err: (err as Error).message, complaintId: n.complaint.id }, 'retention: could not schedule evidence deletion'));
  };

  /** Sweeps now and then every `intervalMs`; a failed sweep is logged and retried next time. */
  start(): void {
    this.every.start();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    await this.every.stop();
  }

  async sweep(): Promise<SweepResult> {
    const token = randomBytes(9).toString('base64url');
    const leaseMs = Math.max(60_000, (this.o.intervalMs ?? 3_600_000) * 2);
    if ((await this.o.redis.set(this.keys.lock(), token, 'PX', leaseMs, 'NX')) !== 'OK') return { skipped: true, filesRemoved: 0, complaints: 0, unreferenced: 0 };
    try {
      await this.backfillOnce();
      const cutoff = this.now() - this.o.retentionDays * DAY_MS;
      const fromComplaints = await this.expireDue(cutoff);
      return { skipped: false, ...fromComplaints, unreferenced: await this.deleteUnreferenced(cutoff) };
    } finally {
      await runLua(this.o.redis, RELEASE, [this.keys.lock()], [token]);
    }
  }

  private async expireDue(cutoff: number): Promise<Pick<SweepResult, 'filesRemoved' | 'complaints'>> {
    const now = this.now();
    let filesRemoved = 0;
    let complaints = 0;
    for (;;) {
      const ids = await this.o.redis.zrangebyscore(this.keys.due(), '-inf', cutoff, 'LIMIT', 0, this.o.batchSize ?? 100);
      if (!ids.length) break;
      for (const c of await this.complaintsOrForget(ids)) {
        const due = dueFiles(c, cutoff);
        for (const f of due) await this.deleteFile(f.key);
        const after = due.length ? await this.o.complaints.mutate(c.id, (cur) => expireDue(cur, cutoff, now, this.o.retentionDays)) : c;
        await this.rescore(after);
        filesRemoved += due.length;
        complaints += due.length ? 1 : 0;
      }
    }
    return { filesRemoved, complaints };
  }

  /** Runs after the complaints' pass, so what is left past the cutoff belongs to no complaint we know of. */
  private async deleteUnreferenced(cutoff: number): Promise<number> {
    const storage = this.o.storage;
    if (!(storage instanceof TrackedFileStorage)) return 0;
    let n = 0;
    for (;;) {
      const keys = await storage.storedBefore(cutoff, this.o.batchSize ?? 100);
      if (!keys.length) return n;
      for (const key of keys) await this.deleteFile(key);
      n += keys.length;
    }
  }

  /** The complaints behind `ids`; ids whose complaint is gone leave the index. */
  private async complaintsOrForget(ids: string[]): Promise<Complaint[]> {
    const found = await this.o.complaints.store.getMany(ids);
    const gone = ids.filter((id) => !found.some((c) => c.id === id));
    if (gone.length) await this.o.redis.zrem(this.keys.due(), ...gone);
    return found;
  }

  private async rescore(c: Complaint): Promise<void> {
    const oldest = oldestKept(c);
    if (oldest === null) await this.o.redis.zrem(this.keys.due(), c.id);
    else await this.o.redis.zadd(this.keys.due(), oldest, c.id);
  }

  /** A key the storage refuses was never a file of ours: nothing to delete, and nothing to remember. */
  private async deleteFile(key: string): Promise<void> {
    try {
      await this.o.storage.delete(key);
    } catch (err) {
      if (!isRedressError(err, 'input.invalid')) throw err;
      await this.o.redis.zrem(this.keys.stored(), key);
    }
  }

  /** Complaints filed before this job existed were never tracked: score them all once (oldest first, in pages). */
  private async backfillOnce(): Promise<void> {
    if (await this.o.redis.exists(this.keys.backfilled())) return;
    const store = this.o.complaints.store;
    const seen = new Set<string>();
    let from = 0;
    for (;;) {
      const page = (await store.listCreatedBetween(from, Number.MAX_SAFE_INTEGER, this.o.batchSize ?? 100)).filter((c) => !seen.has(c.id));
      if (!page.length) break;
      for (const c of page) {
        seen.add(c.id);
        const oldest = oldestKept(c);
        if (oldest !== null) await this.o.redis.zadd(this.keys.due(), 'LT', oldest, c.id);
      }
      from = page.at(-1)!.createdAt;
    }
    await this.o.redis.set(this.keys.backfilled(), String(this.now()));
  }
}
