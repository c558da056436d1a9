import { RedressError } from '../errors.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { isOpen } from './complaint-state-machine.js';
import type { Complaint, TimelineEvent } from './complaint.types.js';

/** A change to one complaint: the new value and the timeline events that explain it. */
export interface ComplaintChange {
  complaint: Complaint;
  events: TimelineEvent[];
}

const MAX_CAS_RETRIES = 50;

/**
 * Compare-and-set of one complaint with its timeline and indexes.
 * KEYS: 1 complaint, 2 timeline, 3 open zset, 4 old status set, 5 new status set
 * ARGV: 1 expected version, 2 new JSON, 3 id, 4 priority, 5 '1' if still open, 6… timeline events JSON
 * Returns 1 when written, 0 when the stored version moved on (caller re-reads and retries), -1 when missing.
 */
const UPDATE_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return -1 end
if tostring(cjson.decode(raw).version) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
for i = 6, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('SREM', KEYS[4], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[3])
if ARGV[5] == '1' then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3]) else redis.call('ZREM', KEYS[3], ARGV[3]) end
return 1
`;

/**
 * Complaints, their timelines and indexes in Redis. Every write is one MULTI, so a complaint and its
 * timeline and indexes never disagree; updates are optimistic (WATCH), so concurrent agents can't both win.
 */
export class RedisComplaintStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** `RD-20261124-0042`: a per-day counter, atomic across processes. */
  async nextNumber(now: number): Promise<string> {
    const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
    const key = this.keys.seq(day);
    const [[, n]] = (await this.redis.multi().incr(key).expire(key, 3 * 86_400).exec()) as [[null, number]];
    return `RD-${day}-${String(n).padStart(4, '0')}`;
  }

  async create(complaint: Complaint, events: TimelineEvent[]): Promise<void> {
    const tx = this.redis.multi();
    tx.set(this.keys.complaint(complaint.id), JSON.stringify(complaint));
    this.appendEvents(tx, complaint.id, events);
    this.index(tx, undefined, complaint);
    tx.zadd(this.keys.byConsumer(complaint.consumerId), complaint.createdAt, complaint.id);
    if (complaint.orderId) tx.sadd(this.keys.byOrder(complaint.orderId), complaint.id);
    if (complaint.merchantId) tx.zadd(this.keys.byMerchant(complaint.merchantId), complaint.createdAt, complaint.id);
    tx.zadd(this.keys.created(), complaint.createdAt, complaint.id);
    await tx.exec();
  }

  async get(id: string): Promise<Complaint | null> {
    const raw = await this.redis.get(this.keys.complaint(id));
    return raw ? (JSON.parse(raw) as Complaint) : null;
  }

  async require(id: string): Promise<Complaint> {
    const c = await this.get(id);
    if (!c) throw new RedressError('complaint.not_found', `No complaint ${id}. Check the number (e.g. RD-20261124-0042).`, { id });
    return c;
  }

  async timeline(id: string): Promise<TimelineEvent[]> {
    const raw = await this.redis.lrange(this.keys.timeline(id), 0, -1);
    return raw.map((r) => JSON.parse(r) as TimelineEvent);
  }

  /**
   * Read-modify-write with compare-and-set on `version` (a Lua script, so it is safe on a shared connection,
   * unlike WATCH). `change` sees the current complaint and returns the new one with its events, or throws
   * (e.g. illegal transition) to abort without writing. Retries when another writer got in first.
   */
  async update(id: string, change: (current: Complaint) => ComplaintChange | Promise<ComplaintChange>): Promise<ComplaintChange> {
    for (let attempt = 0; attempt < MAX_CAS_RETRIES; attempt++) {
      const current = await this.require(id);
      const result = await change(current);
      const next: Complaint = { ...result.complaint, version: current.version + 1 };
      const written = await this.redis.eval(
        UPDATE_SCRIPT,
        5,
        this.keys.complaint(id),
        this.keys.timeline(id),
        this.keys.open(),
        this.keys.byStatus(current.status),
        this.keys.byStatus(next.status),
        String(current.version),
        JSON.stringify(next),
        id,
        String(next.triage.priority),
        isOpen(next.status) ? '1' : '0',
        ...result.events.map((e) => JSON.stringify(e)),
      );
      if (written === 1) return { complaint: next, events: result.events };
    }
    throw new RedressError('complaint.already_claimed', `Complaint ${id} kept changing under us; try again.`, { id });
  }

  async appendEvent(id: string, event: TimelineEvent): Promise<void> {
    await this.redis.rpush(this.keys.timeline(id), JSON.stringify(event));
  }

  /** Open complaints, highest priority first. */
  async listOpen(limit = 100): Promise<Complaint[]> {
    const ids = await this.redis.zrevrange(this.keys.open(), 0, limit - 1);
    return this.getMany(ids);
  }

  async listByStatus(status: string): Promise<Complaint[]> {
    return this.getMany(await this.redis.smembers(this.keys.byStatus(status)));
  }

  /** The consumer's own complaints, newest first. */
  async listByConsumer(consumerId: string, limit = 20): Promise<Complaint[]> {
    return this.getMany(await this.redis.zrevrange(this.keys.byConsumer(consumerId), 0, limit - 1));
  }

  async listByOrder(orderId: string): Promise<Complaint[]> {
    return this.getMany(await this.redis.smembers(this.keys.byOrder(orderId)));
  }

  /**
   * Complaints created in [from, to) (epoch ms), oldest first, at most `limit`. Cases created before the
   * `created` index existed are not in it.
   */
  async listCreatedBetween(from: number, to: number, limit = 10_000): Promise<Complaint[]> {
    return this.getMany(await this.redis.zrangebyscore(this.keys.created(), from, `(${to}`, 'LIMIT', 0, limit));
  }

  async getMany(ids: string[]): Promise<Complaint[]> {
    if (!ids.length) return [];
    const raws = await this.redis.mget(...ids.map((i) => this.keys.complaint(i)));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as Complaint);
  }

  private appendEvents(tx: ReturnType<RedisClient['multi']>, id: string, events: TimelineEvent[]): void {
    if (events.length) tx.rpush(this.keys.timeline(id), ...events.map((e) => JSON.stringify(e)));
  }

  private index(tx: ReturnType<RedisClient['multi']>, before: Complaint | undefined, after: Complaint): void {
    if (before && before.status !== after.status) tx.srem(this.keys.byStatus(before.status), after.id);
    tx.sadd(this.keys.byStatus(after.status), after.id);
    if (isOpen(after.status)) tx.zadd(this.keys.open(), after.triage.priority, after.id);
    else tx.zrem(this.keys.open(), after.id);
  }
}
