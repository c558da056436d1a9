/** Small statistics the report uses, each with the definition it promises. */
import type { DurationStats } from './report.types.js';

/**
 * Nearest-rank percentile: the smallest value with at least `p`% of the values at or below it, so it is
 * always an observed value (p50 of [1, 2, 3, 4] is 2). `null` for no values.
 *
 * @example percentile([5, 1, 3], 50) // 3
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function durationStats(values: readonly number[]): DurationStats {
  return { count: values.length, p50: percentile(values, 50), p90: percentile(values, 90) };
}

/** Arithmetic mean rounded to 2 decimals; `null` for no values. */
export function mean(values: readonly number[]): number | null {
  if (!values.length) return null;
  return round(values.reduce((s, v) => s + v, 0) / values.length);
}

/** part / whole rounded to 4 decimals (a share 0–1); `null` when whole is 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole, 4) : null;
}

export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Counts by key, largest first, then by key for a stable order. */
export function countBy<K extends string>(keys: readonly K[], all: readonly K[] = []): Array<{ key: K; count: number }> {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return rankCounts(counts, all);
}

/** Counts already made (by SQL, say) in countBy's order, with every key of `all` present (zeros included). */
export function rankCounts<K extends string>(counts: ReadonlyMap<K, number>, all: readonly K[] = []): Array<{ key: K; count: number }> {
  const merged = new Map<K, number>(all.map((k) => [k, 0]));
  for (const [k, n] of counts) merged.set(k, (merged.get(k) ?? 0) + n);
  return [...merged].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
