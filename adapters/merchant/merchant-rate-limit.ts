import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';

/** Views and posts one request's link may make per window: plenty for a person, a wall for a script. */
const PER_WINDOW = 30;
const WINDOW_S = 600;

/**
 * Per request (so per link: a forged token never gets this far, the signature is checked first), counted in
 * Redis so it holds across processes.
 */
export class MerchantRateLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: RedisClient, keys: RedisKeys, points = PER_WINDOW) {
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.merchant.rateLimitPrefix('link'), points, duration: WINDOW_S });
  }

  /** 0 when allowed, else the milliseconds until the link may be used again. */
  async take(requestId: string): Promise<number> {
    try {
      await this.limiter.consume(requestId);
      return 0;
    } catch (res) {
      if (res instanceof RateLimiterRes) return Math.max(1000, res.msBeforeNext);
      throw res;
    }
  }
}
