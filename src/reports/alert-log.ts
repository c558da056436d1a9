/**
 * The last 500 supervisor alerts (surges, SLA breaches, escalations), for the reports page.
 *
 * Redis key (see redis-keys.ts): `P:alerts`  LIST of AlertRecord JSON, newest first (LPUSH), trimmed to 500.
 */
import { loadLua, runLua } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { AlertRecord } from './report.types.js';

export const ALERT_LOG_SIZE = 500;
const RECORD_ONCE = loadLua(new URL('./lua/record-alert-once.lua', import.meta.url));
const SEEN_TTL_S = 7 * 86_400;

export class AlertLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async record(alert: AlertRecord): Promise<void> {
    await this.redis.multi().lpush(this.keys.alerts(), JSON.stringify(alert)).ltrim(this.keys.alerts(), 0, ALERT_LOG_SIZE - 1).exec();
  }

  /** Records the alert unless one with this key was recorded already; true when recorded now. */
  async recordOnce(alert: AlertRecord, key: string): Promise<boolean> {
    return (await runLua(this.redis, RECORD_ONCE, [this.keys.alerts(), this.keys.alertSeen(key)], [JSON.stringify(alert), ALERT_LOG_SIZE, SEEN_TTL_S])) === 1;
  }

  /** Which of these workspaces have not been told of this alert yet (a retried alert skips the ones told). */
  async untold(key: string, workspaceIds: string[]): Promise<string[]> {
    if (!workspaceIds.length) return [];
    const told = await this.redis.mget(...workspaceIds.map((id) => this.keys.alertSeen(`${key}:to:${id}`)));
    return workspaceIds.filter((_, i) => !told[i]);
  }

  async markTold(key: string, workspaceId: string): Promise<void> {
    await this.redis.set(this.keys.alertSeen(`${key}:to:${workspaceId}`), '1', 'EX', SEEN_TTL_S);
  }

  /** Newest first. */
  async recent(limit = ALERT_LOG_SIZE): Promise<AlertRecord[]> {
    const raw = await this.redis.lrange(this.keys.alerts(), 0, Math.min(limit, ALERT_LOG_SIZE) - 1);
    return raw.map((r) => JSON.parse(r) as AlertRecord);
  }
}
