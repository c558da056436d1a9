import { Cluster } from 'ioredis';
import { systemClock } from '../clock.js';
import { RedressError } from '../errors.js';
import { loadLua, runLua } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { utcDay, type RedisKeys } from '../redis/redis-keys.js';
import type { ArchivedComplaints } from './archived-complaints.port.js';
import type { ComplaintChangeNotice } from './complaint-events.js';
import { isOpen } from './complaint-state-machine.js';
import type { Complaint, TimelineEvent } from './complaint.types.js';

/** A change to one complaint: the new value and the timeline events that explain it. */
export interface ComplaintChange {
  complaint: Complaint;
  events: TimelineEvent[];
}

/** A written change, as the change log holds it, and whether the previous version's side effects are still pending. */
export interface CommittedChange {
  notice: ComplaintChangeNotice;
  previousPending: boolean;
}

export interface ComplaintStoreOptions {
  /** How long the writer has to run a change's side effects before a change worker takes them over. */
  changeLeaseMs?: number;
  now?: () => number;
  /** Where cases the eviction sweep removed from Redis are read back from (and restored from when they change). */
  archive?: ArchivedComplaints | null;
  /** Told when a list could not add the archive's cases (they are left out; the hot ones are still listed). */
  onArchiveError?: (err: unknown, read: string) => void;
}

const MAX_CAS_RETRIES = 50;
/** A retried confirm of the same draft finds its case for this long (the consumer is told to retry "in a minute"). */
const SUBMISSION_TTL_S = 86_400;
/** Numbers tried before giving up (each taken number means a counter behind the data: a failover). */
const MAX_NUMBER_RETRIES = 20;

/** One index entry: ZADD (`z`) or SADD (`s`) of `member` to `key`. */
interface IndexWrite {
  key: string;
  op: 'z' | 's';
  score: number;
  member: string;
}

/** An index read (ids known), its cases not yet: `read` fetches them. `empty`: it names no case at all. */
export interface IndexedCases {
  empty: boolean;
  /** The ids in Redis's index, newest first where the index is ordered (what `read` reads beside the archive). */
  ids: string[];
  /** Whether `ids` is the whole index (not cut at the list's limit). */
  complete: boolean;
  read(): Promise<Complaint[]>;
}

/** What a draft became, so a retried confirm of the same draft finds it instead of filing again. */
export interface Submission {
  id: string;
  attached: boolean;
}
/** A change record outlives any retry schedule by far; the TTL only bounds what a bug could leave behind. */
const CHANGE_TTL_S = 7 * 86_400;
const UPDATE = loadLua(new URL('./lua/update-complaint.lua', import.meta.url));
const CREATE = loadLua(new URL('./lua/create-complaint.lua', import.meta.url));
const RESTORE = loadLua(new URL('./lua/restore-complaint.lua', import.meta.url));
const NEXT_NUMBER = loadLua(new URL('./lua/next-number.lua', import.meta.url));

/**
 * Complaints, their timelines and indexes in Redis. Every write is one script that also writes the change
 * record and its outbox entry (the change log), so a committed change always has its side effects ahead of
 * it; updates are compare-and-set on `version`, so concurrent agents can't both win.
 *
 * Cluster: the script's keys share the complaint's shard tag `{c<n>}` (one slot). The indexes found by
 * something else (consumer, order, merchant, creation day) live in their own slots: `create` writes them
 * right after the script, and the created change's `indexes` side effect writes them again (idempotent), so a
 * writer that dies in between leaves them to a change worker. On one node (standalone, Sentinel) no slot rule
 * applies, and the create script writes them itself, atomically with the case.
 *
 * Redis keeps the hot state; with the archive given, a closed case the eviction sweep removed is still found:
 * every read (`get`, `require`, `timeline`, `getMany`, the lists by consumer and order) falls back to the
 * archive, and a change to such a case (`update`) first restores it into Redis from the archive.
 */
export class RedisComplaintStore {
  private readonly leaseMs: number;
  private readonly now: () => number;
  /** Days this process has already put in the `createdDays` list (one write per day, not per complaint). */
  private readonly knownDays = new Set<string>();
  private readonly archive: ArchivedComplaints | null;
  private readonly onArchiveError: (err: unknown, read: string) => void;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    opts: ComplaintStoreOptions = {},
  ) {
    this.leaseMs = opts.changeLeaseMs ?? 15_000;
    this.now = opts.now ?? systemClock;
    this.archive = opts.archive ?? null;
    this.onArchiveError = opts.onArchiveError ?? (() => undefined);
  }

  /**
   * The archive's part of a list. A list works without it: the cases that matter to the hot path (open ones,
   * today's) are all in Redis, so an archive that is down must not stop a consumer filing or an agent working —
   * the evicted, long-closed cases are left out and the failure is reported, instead of failing the whole read.
   */
  private async coldPart(read: string, fetch: (a: ArchivedComplaints) => Promise<Complaint[]>): Promise<Complaint[]> {
    if (!this.archive) return [];
    try {
      return await fetch(this.archive);
    } catch (err) {
      this.onArchiveError(err, read);
      return [];
    }
  }

  /** A single case or timeline Redis no longer holds: from the archive, or a coded error saying it is unreachable. */
  private async coldOne<T>(fetch: (a: ArchivedComplaints) => Promise<T>, id: string): Promise<T> {
    try {
      return await fetch(this.archive!);
    } catch (err) {
      this.onArchiveError(err, 'case');
      throw new RedressError('archive.unavailable', `Complaint ${id} is archived and the archive is not answering; try again in a minute.`, { id });
    }
  }

  /** `RD-20261124-0042`: a per-day counter, atomic across processes. */
  async nextNumber(now: number): Promise<string> {
    const day = utcDay(now);
    const key = this.keys.seq(day);
    // A script, not a MULTI: auto-pipelining sends it in the same write as the triage's surge counts (see nextNumber's caller).
    const n = Number(await runLua(this.redis, NEXT_NUMBER, [key], [3 * 86_400]));
    return `RD-${day}-${String(n).padStart(4, '0')}`;
  }

  /**
   * Writes a new case with its first change under `complaint.id`, or under the next free number when that key is
   * taken (a counter that moved backwards in a failover). `fingerprint` names the draft it came from; `stale` is
   * what that draft became earlier if the caller judged it over (a closed case). `fresh` is false when the draft
   * had been filed already: that earlier case is returned and nothing is written. `indexed`: the indexes outside
   * the complaint's slot were written too (else the change's `indexes` side effect writes them).
   */
  async create(complaint: Complaint, events: TimelineEvent[], fingerprint = complaint.id, stale?: Submission | null): Promise<{ complaint: Complaint; fresh: boolean; indexed?: boolean }> {
    const k = this.keys;
    // A caller that passes `stale` (null included) has looked the draft up already: no second read on the confirm.
    const earlier = stale === undefined ? await this.findSubmission(complaint.consumerId, fingerprint) : stale;
    if (earlier && earlier.id !== stale?.id) {
      const found = await this.get(earlier.id);
      if (found) return { complaint: found, fresh: false };
    }
    let c = complaint;
    for (let attempt = 0; attempt < MAX_NUMBER_RETRIES; attempt++) {
      const notice: ComplaintChangeNotice = { complaint: c, previous: null, events };
      const n = k.shardOf(c.id);
      // The submission marker (the consumer's slot) goes out just before the case, on the same connection, so it
      // lands first: a process dying after the case was written leaves the marker for the retried confirm to find.
      // A marker whose case never came is harmless (the retry finds no case and files it).
      // Settled here, not where it is awaited: a create that throws leaves it unawaited, and a rejection then is unhandled.
      const marked = this.recordSubmission(c.consumerId, fingerprint, { id: c.id, attached: false }).then(() => true, () => false);
      // On one node the indexes go inside the script (no round trip of their own); a Cluster writes them after it.
      const inside = this.redis instanceof Cluster ? [] : this.indexWrites(c, true);
      const created = await runLua(this.redis, CREATE, [
        k.complaint(c.id), k.timeline(c.id), k.open(n), k.byStatus(c.status, n), k.changeRecord(c.id, c.version), k.outbox(n),
        ...inside.map((w) => w.key),
      ], [
        c.id, JSON.stringify(c), c.triage.priority, JSON.stringify(notice), outboxMember(c.id, c.version),
        this.now() + this.leaseMs, CHANGE_TTL_S, isOpen(c.status) ? '1' : '0', c.consumerId, c.createdAt,
        inside.length, ...inside.flatMap((w) => [w.op, w.score, w.member]),
        ...events.map((e) => JSON.stringify(e)),
      ]);
      const markerOk = await marked;
      if (created === 0) {
        c = { ...c, id: await this.nextNumber(c.createdAt) };
        continue;
      }
      // Committed (1, or 2: this same write resent after a dropped connection). The indexes are re-applied by the
      // change's `indexes` side effect if this fails or we die here.
      const [indexed] = await Promise.all([
        inside.length ? true : this.writeIndexes(c).then(() => true, () => false),
        markerOk ? undefined : this.recordSubmission(c.consumerId, fingerprint, { id: c.id, attached: false }).catch(() => undefined),
      ]);
      return { complaint: c, fresh: true, indexed };
    }
    throw new RedressError('redis.unavailable', `No free complaint number after ${MAX_NUMBER_RETRIES} tries; please try again in a minute.`, { id: c.id });
  }

  /** What this consumer's draft (by fingerprint) already became, if a confirm of it got that far. */
  async findSubmission(consumerId: string, fingerprint: string): Promise<Submission | null> {
    const raw = await this.redis.get(this.keys.submission(consumerId, fingerprint));
    return raw ? (JSON.parse(raw) as Submission) : null;
  }

  /** Marks a draft as filed as (or attached to) `id`. */
  async recordSubmission(consumerId: string, fingerprint: string, submission: Submission): Promise<void> {
    await this.redis.set(this.keys.submission(consumerId, fingerprint), JSON.stringify(submission), 'EX', SUBMISSION_TTL_S);
  }

  /**
   * The indexes by consumer, order, merchant and creation day (each in its own slot). Idempotent: written
   * after `create`'s script and again by the created change's `indexes` side effect.
   */
  async writeIndexes(c: Complaint): Promise<void> {
    const day = utcDay(c.createdAt);
    await Promise.all(this.indexWrites(c, !this.knownDays.has(day)).map(async (w) => {
      await (w.op === 'z' ? this.redis.zadd(w.key, w.score, w.member) : this.redis.sadd(w.key, w.member));
      if (w.key === this.keys.createdDays()) this.knownDays.add(day);
    }));
  }

  /** The index entries of `c` (the day in the list of days only when `withDay`): what `writeIndexes` and the create script write. */
  private indexWrites(c: Complaint, withDay: boolean): IndexWrite[] {
    const k = this.keys;
    const day = utcDay(c.createdAt);
    const writes: IndexWrite[] = [
      { key: k.byConsumer(c.consumerId), op: 'z', score: c.createdAt, member: c.id },
      { key: k.created(day), op: 'z', score: c.createdAt, member: c.id },
    ];
    if (c.orderId) writes.push({ key: k.byOrder(c.orderId), op: 's', score: 0, member: c.id });
    if (c.merchantId) writes.push({ key: k.byMerchant(c.merchantId), op: 'z', score: c.createdAt, member: c.id });
    if (withDay) writes.push({ key: k.createdDays(), op: 'z', score: Date.parse(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T00:00:00Z`), member: day });
    return writes;
  }

  /** The case from Redis, else (evicted) from the archive. */
  async get(id: string): Promise<Complaint | null> {
    return (await this.getHot(id)) ?? (this.archive ? this.coldOne((a) => a.complaint(id), id) : null);
  }

  /** The case only if Redis holds it (what a compare-and-set can write to). */
  async getHot(id: string): Promise<Complaint | null> {
    const raw = await this.redis.get(this.keys.complaint(id));
    return raw ? (JSON.parse(raw) as Complaint) : null;
  }

  async require(id: string): Promise<Complaint> {
    return (await this.get(id)) ?? notFound(id);
  }

  /** The timeline from Redis; a case Redis no longer holds (every case has at least its `created` entry) from the archive. */
  async timeline(id: string): Promise<TimelineEvent[]> {
    const raw = await this.redis.lrange(this.keys.timeline(id), 0, -1);
    if (!raw.length && this.archive) return this.coldOne((a) => a.timeline(id), id);
    return raw.map((r) => JSON.parse(r) as TimelineEvent);
  }

  /**
   * The case as Redis holds it, restoring an evicted one from the archive first (document, whole timeline, status
   * set and the indexes outside its slot), so the change that follows is an ordinary compare-and-set.
   */
  private async requireHot(id: string): Promise<Complaint> {
    const hot = await this.getHot(id);
    if (hot) return hot;
    const [c, timeline] = this.archive ? await this.coldOne((x) => Promise.all([x.complaint(id), x.timeline(id)]), id) : [null, []];
    if (!c) return notFound(id);
    await this.restore(c, timeline);
    return (await this.getHot(id)) ?? notFound(id);
  }

  /**
   * Writes a case kept elsewhere (the archive, or the released key layout: src/migration/) back into Redis with its
   * whole timeline, its shard's status set and open zset, then the indexes outside its slot. Writes no change
   * record: the case did not change. Returns false when Redis already held a case under this id: nothing is
   * overwritten, but the indexes are (re)written, idempotently, so a caller that died after the script finishes
   * them. Only for an id that is free or holds this same case.
   */
  async restore(c: Complaint, timeline: TimelineEvent[]): Promise<boolean> {
    const k = this.keys;
    const n = k.shardOf(c.id);
    const written = await runLua(this.redis, RESTORE, [k.complaint(c.id), k.timeline(c.id), k.byStatus(c.status, n), k.open(n)],
      [c.id, JSON.stringify(c), isOpen(c.status) ? '1' : '0', c.triage.priority, ...timeline.map((e) => JSON.stringify(e))]);
    await this.writeIndexes(c);
    return written === 1;
  }

  /**
   * Read-modify-write with compare-and-set on `version` (a Lua script, so it is safe on a shared connection,
   * unlike WATCH). `change` sees the current complaint and returns the new one with its events, or throws
   * (e.g. illegal transition) to abort without writing. Retries when another writer got in first.
   */
  async update(id: string, change: (current: Complaint) => ComplaintChange | Promise<ComplaintChange>): Promise<CommittedChange> {
    const k = this.keys;
    for (let attempt = 0; attempt < MAX_CAS_RETRIES; attempt++) {
      const current = await this.requireHot(id);
      const result = await change(current);
      const next: Complaint = { ...result.complaint, version: current.version + 1 };
      const notice: ComplaintChangeNotice = {
        complaint: next, previous: { status: current.status, triage: { tier: current.triage.tier } }, events: result.events,
      };
      const now = this.now();
      const n = k.shardOf(id);
      const [written, pending] = (await runLua(this.redis, UPDATE, [
        k.complaint(id), k.timeline(id), k.open(n), k.byStatus(current.status, n), k.byStatus(next.status, n),
        k.changeRecord(id, next.version), k.changeRecord(id, current.version), k.outbox(n),
      ], [
        current.version, JSON.stringify(next), id, next.triage.priority, isOpen(next.status) ? '1' : '0',
        JSON.stringify(notice), outboxMember(id, next.version), now + this.leaseMs, CHANGE_TTL_S, now,
        ...result.events.map((e) => JSON.stringify(e)),
      ])) as [number, number?];
      if (written === 1) return { notice, previousPending: pending === 1 };
      if (written === -1) await this.requireHot(id);
    }
    throw new RedressError('complaint.already_claimed', `Complaint ${id} kept changing under us; try again.`, { id });
  }

  async appendEvent(id: string, event: TimelineEvent): Promise<void> {
    await this.redis.rpush(this.keys.timeline(id), JSON.stringify(event));
  }

  /** Open complaints, highest priority first (every shard's top `limit`, merged). */
  async listOpen(limit = 100): Promise<Complaint[]> {
    const perShard = await Promise.all(this.keys.shards().map((n) => this.redis.zrevrange(this.keys.open(n), 0, limit - 1, 'WITHSCORES')));
    const all: Array<{ id: string; score: number }> = [];
    for (const flat of perShard) for (let i = 0; i + 1 < flat.length; i += 2) all.push({ id: flat[i]!, score: Number(flat[i + 1]) });
    // As one ZREVRANGE would order them: score, then member, both descending.
    all.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return this.getMany(all.slice(0, limit).map((e) => e.id));
  }

  async listByStatus(status: string): Promise<Complaint[]> {
    const perShard = await Promise.all(this.keys.shards().map((n) => this.redis.smembers(this.keys.byStatus(status, n))));
    return this.getMany(perShard.flat());
  }

  /** Complaints about a merchant created since `from` (its index is scored by creation time). */
  async countByMerchantSince(merchantId: string, from: number): Promise<number> {
    return this.redis.zcount(this.keys.byMerchant(merchantId), from, '+inf');
  }

  /** The consumer's own complaints, newest first: Redis's and, with the archive, those that left Redis. */
  async listByConsumer(consumerId: string, limit = 20): Promise<Complaint[]> {
    return (await this.consumerIndex(consumerId, limit)).read();
  }

  async listByOrder(orderId: string): Promise<Complaint[]> {
    return (await this.orderIndex(orderId)).read();
  }

  /**
   * The consumer's index (ids and archive marker, one round trip), with the read of its cases left for later: the
   * confirm sends that read together with the number and the surge counts instead of ahead of them.
   */
  async consumerIndex(consumerId: string, limit = 20): Promise<IndexedCases> {
    const [ids, archived] = await Promise.all([
      this.redis.zrevrange(this.keys.byConsumer(consumerId), 0, limit - 1),
      this.hasArchived(this.keys.archivedByConsumer(consumerId)),
    ]);
    return {
      empty: ids.length === 0 && !archived, ids, complete: ids.length < limit,
      read: async () => {
        const [hot, cold] = await Promise.all([
          this.getMany(ids),
          archived ? this.coldPart('consumer list', (a) => a.search({ consumerId }, limit)) : [],
        ]);
        return newestFirst(hot, cold).slice(0, limit);
      },
    };
  }

  /** The order's index, as `consumerIndex`. */
  async orderIndex(orderId: string): Promise<IndexedCases> {
    const [ids, archived] = await Promise.all([this.redis.smembers(this.keys.byOrder(orderId)), this.hasArchived(this.keys.archivedByOrder(orderId))]);
    return {
      empty: ids.length === 0 && !archived, ids, complete: true,
      read: async () => {
        const [hot, cold] = await Promise.all([this.getMany(ids), archived ? this.coldPart('order list', (a) => a.search({ orderId })) : []]);
        return archived ? newestFirst(hot, cold) : hot;
      },
    };
  }

  /**
   * Whether a list must ask the archive too: only once the eviction sweep has moved one of its cases there. Every
   * confirm and `/status` lists the consumer's and the order's cases, so most of them never reach the archive.
   * The marker sits in the index's slot and goes out with the index read, so it costs no round trip of its own.
   */
  private async hasArchived(marker: string): Promise<boolean> {
    return this.archive !== null && (await this.redis.exists(marker)) === 1;
  }

  /**
   * Complaints created in [from, to) (epoch ms), oldest first, at most `limit`. Cases created before the
   * `created` index existed are not in it.
   */
  async listCreatedBetween(from: number, to: number, limit = 10_000): Promise<Complaint[]> {
    // Only the days that have an index, from the day `from` falls in; each day's index is its own slot.
    const dayStart = Date.parse(new Date(Math.max(-8.64e15, Math.min(from, 8.64e15))).toISOString().slice(0, 10));
    const days = await this.redis.zrangebyscore(this.keys.createdDays(), dayStart, `(${to}`);
    const ids: string[] = [];
    for (let i = 0; i < days.length && ids.length < limit; i += 31) {
      const batch = await Promise.all(days.slice(i, i + 31).map((d) => this.redis.zrangebyscore(this.keys.created(d), from, `(${to}`, 'LIMIT', 0, limit)));
      for (const b of batch) ids.push(...b);
    }
    return this.getMany(ids.slice(0, limit));
  }

  /** The complaints of `ids`, in that order (missing ones left out): one MGET per shard, sent together. */
  async getMany(ids: string[]): Promise<Complaint[]> {
    if (!ids.length) return [];
    const byShard = new Map<number, string[]>();
    for (const id of ids) {
      const n = this.keys.shardOf(id);
      byShard.set(n, [...(byShard.get(n) ?? []), id]);
    }
    const found = new Map<string, string>();
    await Promise.all([...byShard.values()].map(async (group) => {
      const raws = await this.redis.mget(...group.map((i) => this.keys.complaint(i)));
      group.forEach((id, i) => { if (raws[i]) found.set(id, raws[i]!); });
    }));
    const missing = ids.filter((id) => !found.has(id));
    const cold = new Map(missing.length ? (await this.coldPart('cases by id', (a) => a.complaints(missing))).map((c) => [c.id, c]) : []);
    return ids.flatMap((id) => {
      const raw = found.get(id);
      if (raw) return [JSON.parse(raw) as Complaint];
      const c = cold.get(id);
      return c ? [c] : [];
    });
  }
}

function notFound(id: string): never {
  throw new RedressError('complaint.not_found', `No complaint ${id}. Check the number (e.g. RD-20261124-0042).`, { id });
}

/** Redis's copy wins over the archive's (it is never older); newest first as the consumer index orders them. */
function newestFirst(hot: Complaint[], cold: Complaint[]): Complaint[] {
  const byId = new Map(cold.map((c) => [c.id, c]));
  for (const c of hot) byId.set(c.id, c);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** `RD-20261124-0042|3`: one change in the outbox. */
export function outboxMember(id: string, version: number): string {
  return `${id}|${version}`;
}
