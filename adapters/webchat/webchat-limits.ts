import type { IncomingMessage } from 'node:http';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { WebchatError } from './webchat.errors.js';
import type { WebchatKeys } from './webchat-keys.js';

/**
 * Rate limits kept in Redis so they hold however many processes serve the widget, plus the clientId
 * dedupe that makes the widget's retries safe.
 */
export class WebchatLimits {
  private readonly perSession: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: WebchatKeys,
    opts: { messagesPerMinute: number; ipPerMinute: number },
  ) {
    this.perSession = new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.rateLimitPrefix('session'), points: opts.messagesPerMinute, duration: 60 });
    this.perIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.rateLimitPrefix('ip'), points: opts.ipPerMinute, duration: 60 });
  }

  async consumeSession(sessionId: string): Promise<void> {
    await consume(this.perSession, sessionId, 'You are sending messages too quickly. Wait a moment; your message will be sent automatically.');
  }

  async consumeIp(ip: string): Promise<void> {
    await consume(this.perIp, ip, 'Too many requests from your network. Please wait a minute and try again.');
  }

  /** True the first time this clientId is seen in the conversation (24 h window). */
  async firstDelivery(conversationId: string, clientId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.dedupe(conversationId, clientId), '1', 'EX', 86_400, 'NX')) === 'OK';
  }

  /** Lets a retry through after processing failed before anything was stored. */
  async forget(conversationId: string, clientId: string): Promise<void> {
    await this.redis.del(this.keys.dedupe(conversationId, clientId));
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

/**
 * The client address for per-IP limits: the nearest proxy's X-Forwarded-For entry (the rightmost, which a client
 * cannot forge past that proxy), else the socket peer.
 */
export function clientIp(req: IncomingMessage): string {
  const xff = req.headers['x-forwarded-for'];
  const list = (Array.isArray(xff) ? xff.join(',') : xff ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return list[list.length - 1] ?? req.socket.remoteAddress ?? 'unknown';
}
