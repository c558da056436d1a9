import { loadLua, runLua } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { CaseEvent, QueuedCaseEvent } from './case-events.js';

const ENQUEUE = loadLua(new URL('./lua/enqueue-events.lua', import.meta.url));
const CLAIM = loadLua(new URL('./lua/claim-event-cases.lua', import.meta.url));
const NEXT = loadLua(new URL('./lua/next-event.lua', import.meta.url));
const SETTLE = loadLua(new URL('./lua/settle-event.lua', import.meta.url));
/** The high-water mark outlives any change record (7 days) that could be re-run and re-enqueue its events. */
const SENT_TTL_S = 30 * 86_400;

/** A case's head event, handed to the dispatcher that holds the case's lease. */
export interface HeadEvent {
  seq: number;
  event: CaseEvent;
  /** Failed attempts at this event so far. */
  attempts: number;
}

/**
 * Outgoing events in Redis, one ordered queue per case (in the case's shard) plus each shard's set of cases
 * with something to send. Separate from the change log on purpose: the change log keeps a case's changes in
 * order by holding back a change until the previous one's side effects are all done, so a webhook that is down
 * would hold back the case's consumer updates and SLA timers too. Here only the case's later events wait.
 */
export class RedisEventOutbox {
  constructor(private readonly redis: RedisClient, private readonly keys: RedisKeys) {}

  /** Queues a change's events (skipping any already queued or delivered). Returns how many were new. */
  async enqueue(complaintId: string, events: QueuedCaseEvent[], now: number): Promise<number> {
    if (!events.length) return 0;
    const k = this.keys.events;
    const args = events.flatMap((e) => [e.seq, e.event.id, JSON.stringify(e.event)]);
    return Number(await runLua(this.redis, ENQUEUE, [k.queue(complaintId), k.bodies(complaintId), k.sent(complaintId), k.due(this.keys.shardOf(complaintId))], [now, complaintId, ...args]));
  }

  /** Leases up to `limit` due cases per shard. */
  async claimDue(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const perShard = await Promise.all(this.keys.shards().map((n) => runLua(this.redis, CLAIM, [this.keys.events.due(n)], [now, leaseMs, limit]) as Promise<string[]>));
    return perShard.flat();
  }

  /** The case's next event to send (renewing the lease to `leaseUntil`), or null when it has none left. */
  async head(complaintId: string, leaseUntil: number): Promise<HeadEvent | null> {
    const k = this.keys.events;
    const n = this.keys.shardOf(complaintId);
    const r = await runLua(this.redis, NEXT, [k.queue(complaintId), k.bodies(complaintId), k.due(n), k.tries(n)], [complaintId, leaseUntil]) as Array<string | number | null>;
    if (!r.length) return null;
    const [id, seq, json, attempts] = r;
    if (!json) {
      // A body lost with a half-applied write cannot be sent: drop the id so the case's later events still go.
      await this.done(complaintId, String(id), Number(seq));
      return this.head(complaintId, leaseUntil);
    }
    return { seq: Number(seq), event: JSON.parse(String(json)) as CaseEvent, attempts: Number(attempts) };
  }

  /** Delivered (or given up on): the event leaves the queue and the high-water mark moves past it. */
  async done(complaintId: string, eventId: string, seq: number): Promise<void> {
    await this.settle(complaintId, eventId, seq, 'done', 0, 0);
  }

  /** Failed: the case is due again at `dueAt` with the head event still first. */
  async retryAt(complaintId: string, eventId: string, seq: number, dueAt: number, attempts: number): Promise<void> {
    await this.settle(complaintId, eventId, seq, 'retry', dueAt, attempts);
  }

  /** Gives a leased case back, due at `at` (its head event has no failed attempt). */
  async release(complaintId: string, at: number): Promise<void> {
    await this.settle(complaintId, '', -1, 'retry', at, 0);
  }

  /** Cases with events waiting to be sent, over every case (for tests and the console). */
  async pending(): Promise<number> {
    const counts = await Promise.all(this.keys.shards().map((n) => this.redis.zcard(this.keys.events.due(n))));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async settle(complaintId: string, eventId: string, seq: number, outcome: 'done' | 'retry', dueAt: number, attempts: number): Promise<void> {
    const k = this.keys.events;
    const n = this.keys.shardOf(complaintId);
    await runLua(this.redis, SETTLE, [k.queue(complaintId), k.bodies(complaintId), k.sent(complaintId), k.due(n), k.tries(n)],
      [complaintId, eventId, seq, outcome, dueAt, attempts, SENT_TTL_S]);
  }
}
