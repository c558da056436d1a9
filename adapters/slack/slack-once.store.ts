import type { RedisClient } from '../../src/redis/redis-connection.js';

const LEASE_S = 60;
const POSTED_S = 30 * 24 * 3600;
const PROBLEM_S = 600;

/** `mine`: post it now; `posted`: already in Slack, skip; `busy`: another process is posting it right now. */
export type OnceClaim = 'mine' | 'posted' | 'busy';

/**
 * At most once per key, across processes and retries: a short lease while a post is under way, then a
 * long-lived `posted` mark (see slack.keys.ts). A failed post releases the lease so the retry can post.
 */
export class SlackOnceStore {
  constructor(private readonly redis: RedisClient) {}

  async claim(key: string): Promise<OnceClaim> {
    if ((await this.redis.set(key, 'pending', 'EX', LEASE_S, 'NX')) === 'OK') return 'mine';
    return (await this.redis.get(key)) === 'posted' ? 'posted' : 'busy';
  }

  async posted(key: string): Promise<void> {
    await this.redis.set(key, 'posted', 'EX', POSTED_S);
  }

  async release(key: string): Promise<void> {
    await this.redis.del(key);
  }

  /** True once per `key` in ten minutes: whether to report a problem again. */
  async firstReport(key: string): Promise<boolean> {
    return (await this.redis.set(key, '1', 'EX', PROBLEM_S, 'NX')) === 'OK';
  }
}
