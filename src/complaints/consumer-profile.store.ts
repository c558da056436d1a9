import type { Complaint, ConsumerProfile } from './complaint.types.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';

/** The consumer's history, at hand for the next agent: past cases, outcomes, what they asked for most. */
export class ConsumerProfileStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(consumerId: string): Promise<ConsumerProfile | null> {
    const raw = await this.redis.get(this.keys.consumer(consumerId));
    return raw ? (JSON.parse(raw) as ConsumerProfile) : null;
  }

  async recordComplaint(c: Complaint): Promise<void> {
    await this.modify(c.consumerId, c.locale, (p) => {
      if (!p.complaintIds.includes(c.id)) p.complaintIds.push(c.id);
      p.cares[c.desiredResolution] = (p.cares[c.desiredResolution] ?? 0) + 1;
      p.lastContactAt = c.createdAt;
    });
  }

  async recordOutcome(c: Complaint): Promise<void> {
    await this.modify(c.consumerId, c.locale, (p) => {
      const key = c.rating ? `rated_${c.rating.score}` : c.status;
      p.outcomes[key] = (p.outcomes[key] ?? 0) + 1;
    });
  }

  // Profiles are advisory (not money or state), so last writer wins is acceptable here.
  private async modify(consumerId: string, locale: ConsumerProfile['locale'], fn: (p: ConsumerProfile) => void): Promise<void> {
    const p = (await this.get(consumerId)) ?? { consumerId, locale, complaintIds: [], outcomes: {}, cares: {}, lastContactAt: 0 };
    p.locale = locale;
    fn(p);
    await this.redis.set(this.keys.consumer(consumerId), JSON.stringify(p));
  }
}
