/**
 * Surge detection: many complaints about one merchant, product or category within a sliding window raise
 * an alert; past a higher threshold they are one group complaint (high tier). State lives in Redis so every
 * process sees the same counts.
 *
 * Redis keys (prefix is passed in; hash-tag it, e.g. `{redress}`, so every key lands in one Cluster slot):
 *   `${prefix}:surge:merchant:<merchantId>`  ZSET  member = complaint id, score = triage time (ms).
 *   `${prefix}:surge:product:<productId>`    ZSET  same, per product.
 *   `${prefix}:surge:category:<category>`    ZSET  same, per category.
 *       Members older than the window are trimmed on every write; the key expires one window after its last write.
 *   `${prefix}:surge:alerted:<level>:<dimension>:<id>`  STRING "1", PX = window. Set NX when an alert of
 *       `level` (alert | group) is first raised, so `onAlert` fires once per window, not once per complaint.
 */
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
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
  category: Category;
  now: number;
}

export interface SurgeDetector {
  /** Counts the complaint and returns the alerts now active for its merchant, product and category. */
  record(subject: SurgeSubject): Promise<SurgeAlert[]>;
}

export const DEFAULT_SURGE_WINDOW_MS = 60 * 60 * 1000;
/** A category sees far more volume than one merchant; a category surge is an alert, never by itself a group complaint. */
export const DEFAULT_SURGE_LEVELS: Record<SurgeDimension, SurgeLevels> = {
  merchant: { alert: 10, group: 20 },
  product: { alert: 5, group: 10 },
  category: { alert: 50, group: Number.POSITIVE_INFINITY },
};

function subjects(s: SurgeSubject): Array<[SurgeDimension, string]> {
  const out: Array<[SurgeDimension, string]> = [];
  if (s.merchantId) out.push(['merchant', s.merchantId]);
  if (s.productId) out.push(['product', s.productId]);
  out.push(['category', s.category]);
  return out;
}

/** Adds the member to each sorted set, trims the window, and returns each set's size (one MULTI). */
async function countInWindow(redis: Redis, keys: string[], member: string, now: number, windowMs: number): Promise<number[]> {
  const tx = redis.multi();
  for (const k of keys) tx.zadd(k, now, member).zremrangebyscore(k, '-inf', now - windowMs).zcard(k).pexpire(k, windowMs);
  const replies = (await tx.exec()) ?? [];
  // Four replies per key; ZCARD is the third.
  return keys.map((_, i) => {
    const [err, n] = replies[i * 4 + 2] ?? [null, 0];
    if (err) throw err;
    return Number(n);
  });
}

/** Redis-backed detector; `prefix` is the app's key prefix (e.g. `{redress}`). */
export function createSurgeDetector(redis: Redis, prefix: string, options: SurgeOptions = {}): SurgeDetector {
  const windowMs = options.windowMs ?? DEFAULT_SURGE_WINDOW_MS;
  const levels = { ...DEFAULT_SURGE_LEVELS, ...options.levels };
  const key = (dim: SurgeDimension, id: string) => `${prefix}:surge:${dim}:${id}`;

  async function notifyOnce(alert: SurgeAlert): Promise<void> {
    if (!options.onAlert) return;
    const level = alert.group ? 'group' : 'alert';
    const fresh = await redis.set(`${prefix}:surge:alerted:${level}:${alert.dimension}:${alert.id}`, '1', 'PX', windowMs, 'NX');
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
