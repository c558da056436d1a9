import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { WebchatError } from './webchat.errors.js';
import type { WebchatKeys } from './webchat-keys.js';

export const SESSION_LIMITED = 'You are sending messages too quickly. Wait a moment; your message will be sent automatically.';

/**
 * Rate limits kept in Redis so they hold however many processes serve the widget. The per-IP limit lives in its
 * own slot (rate-limiter-flexible); the per-session limit and the clientId dedupe that makes the widget's retries
 * safe are checked by the history store's inbound script, with the append, in the conversation's slot.
 */
export class WebchatLimits {
  private readonly perIp: RateLimiterRedis;
  /** The session's allowance, for WebchatHistoryStore.appendInbound. */
  readonly session: { points: number; windowMs: number };

  constructor(
    redis: RedisClient,
    keys: WebchatKeys,
    opts: { messagesPerMinute: number; ipPerMinute: number },
  ) {
    this.session = { points: opts.messagesPerMinute, windowMs: 60_000 };
    this.perIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.rateLimitPrefix('ip'), points: opts.ipPerMinute, duration: 60 });
  }

  async consumeIp(ip: string): Promise<void> {
    await consume(this.perIp, ip, 'Too many requests from your network. Please wait a minute and try again.');
  }
}

async function consume(limiter: RateLimiterRedis, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw new WebchatError('rate.limited', message, 429, res.msBeforeNext);
    throw res;
  }
}
