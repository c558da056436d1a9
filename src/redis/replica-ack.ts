import { elapsedClock } from '../clock.js';
import { Cluster, Redis } from 'ioredis';
import { RedressError } from '../errors.js';
import { clusterSlot } from './cluster-slot.js';
import { hostPort, type RedisClient } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';

/** `auto`: 1 while the master reports an online replica (or did within `graceMs`), else 0; or a fixed count. */
export type WaitReplicas = 'auto' | number;

export interface ReplicaAckOptions {
  replicas: WaitReplicas;
  timeoutMs: number;
  /** How long an `auto` replica count from INFO is trusted (it is re-read after every reconnect anyway). */
  refreshMs?: number;
  /** How long `auto` keeps expecting a replica that was online on this master and went away. */
  graceMs?: number;
}

/** How long after its last confirm the `auto` replica count is still kept fresh in the background. */
const KEEP_FRESH_MS = 60_000;

/** What the complaint service waits on before it gives a consumer their number. */
export interface Durability {
  confirm(c: DurableCase): Promise<void>;
  close(): void;
}

/**
 * What must be durable: this case (its number, consumer and creation time: a counter that moved backwards
 * can hand the same number to another consumer) at this version or later.
 */
export interface DurableCase {
  id: string;
  version: number;
  consumerId: string;
  createdAt: number;
}

interface Pending extends DurableCase {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Confirms a complaint only once it is on the master *and* on enough replicas (`WAIT`), so a failover
 * cannot take back a number the consumer was given (issue 8).
 *
 * It runs on its own connection, so a blocking WAIT never stalls the shared one. One round covers every
 * caller waiting at that moment: `GET` each case (is it on the master we are talking to?), then a write to
 * `P:replica-ack`, then WAIT on that write. Replication is ordered, so a replica that has the marker has
 * each case read before it. If the connection changed between the reads and the WAIT (a failover), the
 * round proves nothing and fails: WAIT on a fresh connection counts no write of ours.
 */
export class ReplicaAck implements Durability {
  private generation = 0;
  private seen: { n: number; at: number; generation: number } | null = null;
  private lastOnline = { at: 0, generation: -1 };
  private queue: Pending[] = [];
  private running = false;
  private refresher: NodeJS.Timeout | undefined;
  private lastConfirmAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly o: ReplicaAckOptions,
    /** The key each round writes before its WAIT: any key this connection's node serves (on Cluster, one in the case's slot). */
    private readonly markerOf: (c: DurableCase) => string = () => keys.replicaAck(),
    /**
     * Whether a round must show the case is on the master this connection reaches, even with no replica to wait for:
     * under Sentinel (and on a Cluster node) the shared connection may still write to a demoted master. A plain
     * master has no switch-over, so with no replica there is nothing to prove and the confirm costs no round trip.
     */
    private readonly proveMaster = true,
  ) {
    redis.on('connect', () => { this.generation++; });
    // The shared client reports connection trouble; this one would only repeat it.
    redis.on('error', () => {});
  }

  /** Resolves when `c` is durable; rejects with `redis.not_replicated` when that cannot be shown in time. */
  confirm(c: DurableCase): Promise<void> {
    this.lastConfirmAt = elapsedClock();
    this.keepFresh();
    return new Promise((resolve, reject) => {
      this.queue.push({ ...c, resolve, reject });
      void this.pump();
    });
  }

  /** Nothing is buffered here worth a QUIT (which could wait on a reconnect); a round in flight fails as not replicated. */
  close(): void {
    clearInterval(this.refresher);
    this.refresher = undefined;
    this.redis.disconnect();
  }

  /**
   * The `auto` count is re-read off the confirm's path (one INFO per `refreshMs / 2` while confirms come in), so a
   * round knows it ahead: on a plain master with no replica it sends nothing, elsewhere its WAIT rides in the
   * proof's pipeline (one round trip). Stale, unreadable or from before a reconnect, the round asks INFO itself.
   */
  private keepFresh(): void {
    if (this.o.replicas !== 'auto' || this.refresher) return;
    this.refresher = setInterval(() => {
      if (elapsedClock() - this.lastConfirmAt > KEEP_FRESH_MS) {
        clearInterval(this.refresher);
        this.refresher = undefined;
        return;
      }
      if (this.redis.status !== 'ready') return;
      const generation = this.generation;
      // A failed or surprising reading (a replica's INFO) leaves no count: the next round asks for itself.
      this.redis.info('replication').then((info) => { this.neededFrom(info, generation); }).catch(() => { this.seen = null; });
    }, Math.max(50, (this.o.refreshMs ?? 1000) / 2));
    this.refresher.unref();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0);
        try {
          const ok = await this.withDeadline(this.round(batch));
          batch.forEach((p, i) => (ok[i] ? p.resolve() : p.reject(notReplicated(p.id))));
        } catch {
          this.seen = null;
          for (const p of batch) p.reject(notReplicated(p.id));
        }
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * One GET…marker…WAIT round; true per case that is on this master and on the replicas needed. The GET runs
   * even when no replica is needed: right after a switch the shared connection may still be writing to the old
   * master, and only the master Sentinel names now (this connection's) counts.
   */
  private async round(batch: Pending[]): Promise<boolean[]> {
    // How many replicas must ack, if known; else INFO goes in the same pipeline, ahead of the GETs (one round trip,
    // not two, on a quiet deployment where the 1 s cache is stale at every confirm). The marker then goes too,
    // since the answer comes only with the replies; when no replica is needed it is one harmless INCR.
    let known = this.knownNeeded();
    if (known === 0 && !this.proveMaster) return batch.map(() => true);
    // The proof belongs to one connection: one not up yet (new, or reconnecting) is asked on its own first, so the
    // generation read below is the connection the pipeline goes out on.
    if (known === null && this.redis.status !== 'ready') known = this.neededFrom(await this.redis.info('replication'), this.generation);
    const generation = this.generation;
    // A pipeline, not a MULTI: one connection runs them in order (which is all the proof needs), and on a Cluster
    // node a transaction over several slots would be refused.
    const tx = this.redis.pipeline();
    if (known === null) tx.info('replication');
    for (const p of batch) tx.get(this.keys.complaint(p.id));
    if (known === null || known > 0) tx.incr(this.markerOf(batch[0]!));
    // A count known ahead lets the WAIT go in the same pipeline, behind its marker: one round trip for the whole proof.
    const waitInline = known !== null && known > 0;
    if (waitInline) tx.wait(known!, this.o.timeoutMs);
    const all = (await tx.exec()) ?? [];
    const replies = known === null ? all.slice(1) : all;
    let needed = known;
    if (needed === null) {
      const [err, info] = all[0] ?? [new Error('no reply to INFO')];
      if (err) throw err;
      needed = this.neededFrom(String(info), generation);
    }
    const failed = replies.slice(0, needed > 0 ? replies.length : batch.length).find(([err]) => err);
    if (failed) throw failed[0]!;
    const acked = waitInline ? Number(all.at(-1)?.[1] ?? 0) : needed > 0 ? await this.redis.wait(needed, this.o.timeoutMs) : 0;
    const proven = acked >= needed && generation === this.generation;
    if (!proven) this.seen = null;
    return batch.map((p, i) => proven && holds(replies[i]?.[1], p));
  }

  /** The replicas to wait for when that is settled without asking: a fixed count, or a fresh `auto` reading. */
  private knownNeeded(): number | null {
    if (this.o.replicas !== 'auto') return this.o.replicas;
    const s = this.seen;
    return s && s.generation === this.generation && elapsedClock() - s.at < (this.o.refreshMs ?? 1000) ? s.n : null;
  }

  /** The `auto` count from this master's INFO replication, remembered for `refreshMs`. */
  private neededFrom(info: string, generation: number): number {
    if (/^role:slave/m.test(info)) throw new Error('connected to a replica (a demoted master)');
    const now = elapsedClock();
    // A replica still syncing (wait_bgsave, send_bulk) cannot ack: only online ones count.
    const online = (info.match(/^slave\d+:.*state=online/gm) ?? []).length;
    if (online > 0) this.lastOnline = { at: now, generation };
    // Sentinel promotes by detaching the replica first: the old master then reports none while it still takes
    // writes that the switch will throw away. So a replica seen lately on this master is still expected.
    const lately = this.lastOnline.generation === generation && now - this.lastOnline.at < (this.o.graceMs ?? 10_000);
    this.seen = { n: online > 0 || lately ? 1 : 0, at: now, generation };
    return this.seen.n;
  }

  /** A round stuck behind a reconnect must not hold the consumer: fail and let them retry. */
  private withDeadline<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('replica ack timed out')), this.o.timeoutMs * 2 + 500);
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  }
}

function holds(raw: unknown, c: DurableCase): boolean {
  if (typeof raw !== 'string') return false;
  const stored = JSON.parse(raw) as Partial<DurableCase>;
  return stored.consumerId === c.consumerId && stored.createdAt === c.createdAt && Number(stored.version) >= c.version;
}

function notReplicated(id: string): RedressError {
  return new RedressError('redis.not_replicated', `Complaint ${id} could not be confirmed on a Redis replica in time; try again.`, { id });
}

/**
 * WAIT on a Redis Cluster: it counts the replicas of the node it is sent to, for the writes of that connection,
 * and which node holds a case is the Cluster client's business. So each master is reached on a connection of its
 * own (from the client's slot map), and a round writes its marker in the case's own slot, `P:{c<n>}:ack`: the
 * GET proves the case is on that master, the marker after it is replicated after the case.
 */
/** How long a confirm caught in a Cluster failover waits for the slot's new master (a turn times out at 10 s). */
const MOVE_BUDGET_MS = 6000;

export class ClusterReplicaAck implements Durability {
  private readonly perMaster = new Map<string, { ack: ReplicaAck; conn: Redis }>();

  constructor(
    private readonly cluster: Cluster,
    private readonly keys: RedisKeys,
    private readonly o: ReplicaAckOptions,
  ) {}

  /**
   * A round that fails because the case's master died is tried again on the replica that took its slots, once
   * the client's slot map names it (within `MOVE_BUDGET_MS`, inside a turn's timeout): a case that made it to that
   * replica is confirmed there, one that did not is `redis.not_replicated` and the consumer confirms again.
   */
  async confirm(c: DurableCase): Promise<void> {
    const deadline = elapsedClock() + MOVE_BUDGET_MS;
    for (;;) {
      const master = this.masterOf(c.id);
      if (!master) throw notReplicated(c.id);
      try {
        await (this.perMaster.get(master) ?? this.connect(master)).ack.confirm(c);
        return;
      } catch (err) {
        // A master that answers gave its verdict (not on enough replicas in time); only a lost one is waited out.
        if (this.perMaster.get(master)?.conn.status === 'ready' || !(await this.moved(c.id, master, deadline))) throw err;
        this.forget(master);
      }
    }
  }

  close(): void {
    for (const master of [...this.perMaster.keys()]) this.forget(master);
  }

  /** Waits (refreshing the slot map) until the case's slot has another master, or the deadline passes. */
  private async moved(id: string, from: string, deadline: number): Promise<boolean> {
    while (elapsedClock() < deadline) {
      await new Promise<void>((resolve) => this.cluster.refreshSlotsCache(() => resolve()));
      const now = this.masterOf(id);
      if (now && now !== from) return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  }

  private masterOf(id: string): string | undefined {
    const slots = (this.cluster as unknown as { slots: string[][] }).slots;
    return slots[clusterSlot(this.keys.complaint(id))]?.[0];
  }

  private connect(master: string): { ack: ReplicaAck; conn: Redis } {
    const { host, port } = hostPort(master);
    const base = this.cluster.options.redisOptions ?? {};
    const conn = new Redis({ ...base, host, port, enableAutoPipelining: false, maxRetriesPerRequest: 1, retryStrategy: (n: number) => Math.min(n * 200, 2000) });
    const ack = new ReplicaAck(conn, this.keys, this.o, (c) => this.keys.replicaAckInShard(this.keys.shardOf(c.id)));
    this.perMaster.set(master, { ack, conn });
    return { ack, conn };
  }

  private forget(master: string): void {
    this.perMaster.get(master)?.ack.close();
    this.perMaster.delete(master);
  }
}

/** The durability step for a deployment, or null where none is asked for (`REDIS_WAIT_REPLICAS=0`). */
export function createReplicaAck(shared: RedisClient, keys: RedisKeys, o: ReplicaAckOptions): Durability | null {
  if (o.replicas === 0) return null;
  if (shared instanceof Cluster) return new ClusterReplicaAck(shared, keys, o);
  const sentinel = (shared.options.sentinels?.length ?? 0) > 0;
  return new ReplicaAck(shared.duplicate({ enableAutoPipelining: false }), keys, o, undefined, sentinel);
}
