import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';

const KEEP = 1000;

/** One attempt at delivering an event, as the console's delivery log shows it. */
export interface EventDelivery {
  eventId: string;
  type: string;
  complaintId: string;
  /** delivered: 2xx; retrying: failed, due again; failed: given up after every attempt (recorded on the case). */
  outcome: 'delivered' | 'retrying' | 'failed';
  attempt: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why it failed (status or network error), never the receiver's answer body. */
  error?: string;
  at: number;
  ms: number;
}

/** The newest deliveries of every case (capped), for the console. */
export class EventDeliveryLog {
  constructor(private readonly redis: RedisClient, private readonly keys: RedisKeys) {}

  async record(d: EventDelivery): Promise<void> {
    await this.redis.multi().lpush(this.keys.events.log(), JSON.stringify(d)).ltrim(this.keys.events.log(), 0, KEEP - 1).exec();
  }

  /** Newest first; only one case's when `complaintId` is given. */
  async recent(limit = 100, complaintId?: string): Promise<EventDelivery[]> {
    const all = (await this.redis.lrange(this.keys.events.log(), 0, KEEP - 1)).map((s) => JSON.parse(s) as EventDelivery);
    return (complaintId ? all.filter((d) => d.complaintId === complaintId) : all).slice(0, limit);
  }
}
