import type { RedisClient } from '../../src/redis/redis-connection.js';
import { callbackDataFor, HASHED_CALLBACK_PREFIX } from './telegram.mapper.js';
import type { TelegramKeys } from './telegram-keys.js';

/**
 * Button values longer than callback_data's 64 bytes travel as `#<hash>`; the value is kept in Redis so the press
 * can be turned back into it in any process. Our own values (`rate:RD-20261125-0042:5`) are short: this is the
 * safety net, not the usual path.
 */
export class TelegramCallbacks {
  constructor(private readonly redis: RedisClient, private readonly keys: TelegramKeys) {}

  async remember(values: string[]): Promise<void> {
    for (const value of values) {
      const data = callbackDataFor(value);
      if (data !== value) await this.redis.set(this.keys.callback(data.slice(1)), value, 'EX', this.keys.ttlSeconds);
    }
  }

  /** The button's value; `undefined` when a hashed value has expired. */
  async resolve(data: string): Promise<string | undefined> {
    if (!data.startsWith(HASHED_CALLBACK_PREFIX)) return data;
    return (await this.redis.get(this.keys.callback(data.slice(1)))) ?? undefined;
  }
}
