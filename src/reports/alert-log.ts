/**
 * The last 500 supervisor alerts (surges, SLA breaches, escalations), for the reports page.
 *
 * Redis key (see redis-keys.ts): `P:alerts`  LIST of AlertRecord JSON, newest first (LPUSH), trimmed to 500.
 */
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { AlertRecord } from './report.types.js';

export const ALERT_LOG_SIZE = 500;

export class AlertLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async record(alert: AlertRecord): Promise<void> {
    await this.redis.multi().lpush(this.keys.alerts(), JSON.stringify(alert)).ltrim(this.keys.alerts(), 0, ALERT_LOG_SIZE - 1).exec();
  }

  /** Newest first. */
  async recent(limit = ALERT_LOG_SIZE): Promise<AlertRecord[]> {
    const raw = await this.redis.lrange(this.keys.alerts(), 0, Math.min(limit, ALERT_LOG_SIZE) - 1);
    return raw.map((r) => JSON.parse(r) as AlertRecord);
  }
}
