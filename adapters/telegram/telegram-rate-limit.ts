import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { TelegramKeys } from './telegram-keys.js';

export type RateVerdict = 'ok' | 'tell' | 'drop';

/**
 * Inbound updates per chat per minute, counted in Redis so every web process shares the count. A fixed one-minute
 * window is enough here: it only has to stop a flood (a stuck client, someone pasting a hundred lines) from running
 * a hundred dialog turns. The first update over the limit is answered (`tell`), later ones are not (`drop`):
 * answering each would be a flood of our own, and Telegram limits us to about one message a second per chat.
 */
export class TelegramRateLimit {
  constructor(private readonly redis: RedisClient, private readonly keys: TelegramKeys, private readonly perMinute: number) {}

  async check(chatId: string, now: number): Promise<RateVerdict> {
    const key = this.keys.inboundRate(chatId, Math.floor(now / 60_000));
    const [[, count] = []] = (await this.redis.multi().incr(key).expire(key, 120).exec()) ?? [];
    const n = Number(count ?? 0);
    if (n <= this.perMinute) return 'ok';
    return n === this.perMinute + 1 ? 'tell' : 'drop';
  }
}
