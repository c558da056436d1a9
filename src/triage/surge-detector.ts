/**
 * Surge detection: many complaints about one merchant, product, courier or category within a sliding window raise
 * an alert; past a higher threshold they are one group complaint (high tier). State lives in Redis so every
 * process sees the same counts.
 *
 * Redis keys (defined in src/redis/redis-keys.ts; `P` = the key prefix passed in), each subject under its own
 * hash tag so subjects spread over a Cluster's masters:
 *   `P:{s:merchant:<merchantId>}:surge`  ZSET  member = complaint id, score = triage time (ms).
 *   `P:{s:product:<productId>}:surge`    ZSET  same, per product.
 *   `P:{s:courier:<courier>}:surge`      ZSET  same, per courier: the order facts' `delivery.courier` folded by
 *       `courierKey` (case, spaces, punctuation, a few aliases), so "SF Express", "sf-express" and "顺丰" are one key.
 *   `P:{s:category:<category>}:surge`    ZSET  same, per category.
 *       Members older than the window are trimmed on every write; the key expires one window after its last write.
 *   `P:{s:<dimension>:<id>}:alerted:<level>`  STRING "1", PX = window. Set NX when an alert of
 *       `level` (alert | group) is first raised, so `onAlert` fires once per window, not once per complaint.
 */
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { loadLua, runLua } from '../redis/lua-script.js';
import { redisKeys } from '../redis/redis-keys.js';
import { courierKey } from './courier-key.js';

const COUNT_IN_WINDOW = loadLua(new URL('./lua/count-in-window.lua', import.meta.url));
import type { Category, SurgeAlert } from './triage.types.js';

export type SurgeDimension = SurgeAlert['dimension'];

/** Counts within the window that raise an alert, and that make it a group complaint. */
export interface SurgeLevels {
  alert: number;
  group: number;
}

/** @example { windowMs: 3_600_000, levels: { merchant: { alert: 10, group: 20 } }, onAlert: (a) => notify(a) } */
export interface SurgeOptions {
  windowMs?: number;
  levels?: Partial<Record<SurgeDimension, SurgeLevels>>;
  /** Called once per dimension, id, level and window, when the alert is first raised. Errors are swallowed. */
  onAlert?: (alert: SurgeAlert) => void | Promise<void>;
}

/** One complaint being counted. */
export interface SurgeSubject {
  complaintId?: string;
  consumerId: string;
  merchantId: string | null;
  productId?: string | null;
  /** The order's courier (`delivery.courier` of the order facts), as spelt; counted under `courierKey`. None: no courier. */
  courier?: string | null;
  category: Category;
  now: number;
}

export interface SurgeDetector {
  /** Counts the complaint and returns the alerts now active for its merchant, product, courier and category. */
  record(subject: SurgeSubject): Promise<SurgeAlert[]>;
}

export const DEFAULT_SURGE_WINDOW_MS = 60 * 60 * 1000;
/**
 * A courier carries many merchants' parcels, so it sees more complaints than one merchant: its levels sit above the
 * merchant's. A category sees far more still; a category surge is an alert, never by itself a group complaint.
 */
export const DEFAULT_SURGE_LEVELS: Record<SurgeDimension, SurgeLevels> = {
  merchant: { alert: 10, group: 20 },
  product: { alert: 5, group: 10 },
  courier: { alert: 15, group: 30 },
  category: { alert: 50, group: Number.POSITIVE_INFINITY },
};

function subjects(s: SurgeSubject): Array<[SurgeDimension, string]> {
  const out: Array<[SurgeDimension, string]> = [];
  if (s.merchantId) out.push(['merchant', s.merchantId]);
  if (s.productId) out.push(['product', s.productId]);
  const courier = courierKey(s.courier);
  if (courier) out.push(['courier', courier]);
  out.push(['category', s.category]);
  return out;
}

/**
 * Adds the member to each sorted set, trims the window, and returns each set's size: one script per key (each key
 * is its own slot), all issued in one tick, so the shared client's auto-pipelining writes them together — with
 * the complaint number the confirm asks for alongside (one round trip for both, where MULTIs took one each).
 */
async function countInWindow(redis: Redis, keys: string[], member: string, now: number, windowMs: number): Promise<number[]> {
  return Promise.all(keys.map(async (k) => Number(await runLua(redis, COUNT_IN_WINDOW, [k], [now, windowMs, member]))));
}

/** Redis-backed detector; `prefix` is the app's key prefix (REDIS_KEY_PREFIX, e.g. `redress`). */
export function createSurgeDetector(redis: Redis, prefix: string, options: SurgeOptions = {}): SurgeDetector {
  const windowMs = options.windowMs ?? DEFAULT_SURGE_WINDOW_MS;
  const levels = { ...DEFAULT_SURGE_LEVELS, ...options.levels };
  const keys = redisKeys(prefix);
  const key = (dim: SurgeDimension, id: string) => keys.surge(dim, id);

  async function notifyOnce(alert: SurgeAlert): Promise<void> {
    if (!options.onAlert) return;
    const level = alert.group ? 'group' : 'alert';
    const fresh = await redis.set(keys.surgeAlerted(level, alert.dimension, alert.id), '1', 'PX', windowMs, 'NX');
    if (fresh !== 'OK') return;
    try { await options.onAlert(alert); } catch { /* an alert hook must not fail triage */ }
  }

  return {
    async record(s) {
      const pairs = subjects(s);
      const member = s.complaintId ?? `${s.consumerId}:${s.now}:${randomUUID()}`;
      const counts = await countInWindow(redis, pairs.map(([dim, id]) => key(dim, id)), member, s.now, windowMs);
      const alerts: SurgeAlert[] = [];
      pairs.forEach(([dimension, id], i) => {
        const n = counts[i]!;
        const lv = levels[dimension];
        if (n >= lv.alert) alerts.push({ dimension, id, count: n, windowMs, threshold: lv.alert, group: n >= lv.group });
      });
      for (const a of alerts) await notifyOnce(a);
      return alerts;
    },
  };
}
