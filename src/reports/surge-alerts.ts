import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { surgeAlert } from './alert-events.js';
import type { SupervisorAlerts } from './supervisor-alerts.js';

/**
 * The change-log side effect that raises the surges a new complaint's triage found (per merchant, product or
 * category), once per surge window however many complaints reach it: the first complaint to claim the window's
 * mark raises it. The mark holds that complaint's id, so a retry of its change (Slack was down) raises it
 * still, and the alert log records it once.
 */
export function surgeAlertsEffect(redis: RedisClient, keys: RedisKeys, alerts: SupervisorAlerts): (n: ComplaintChangeNotice) => Promise<void> {
  return async ({ complaint: c, previous, events }) => {
    if (previous) return;
    const at = events[0]?.at ?? c.createdAt;
    for (const a of c.triage.surgeAlerts ?? []) {
      const level = a.group ? 'group' : 'alert';
      const mark = keys.surgeAlerted(level, a.dimension, a.id);
      await redis.set(mark, c.id, 'PX', a.windowMs, 'NX');
      if ((await redis.get(mark)) !== c.id) continue;
      await alerts.raise(surgeAlert(a, at), `surge:${a.dimension}:${a.id}:${level}:${c.id}`);
    }
  };
}
