/**
 * Promotion periods (Singles' Day, Black Friday, Prime Day …): logistics complaints surge, so fulfilment
 * categories get priority while a window is open (DESIGN.md §1, dynamic rules).
 */

/**
 * A configured promotion window; `start` and `end` as epoch ms or ISO-8601 strings, end exclusive.
 *
 * @example
 * { name: "Singles' Day", start: '2026-11-10T16:00:00Z', end: '2026-11-13T16:00:00Z' }
 */
export interface PromotionWindow {
  name: string;
  start: number | string;
  end: number | string;
}

const time = (v: number | string) => (typeof v === 'number' ? v : Date.parse(v));

/** The first window open at `now`, or null. Unparseable dates never match. */
export function activePromotion(windows: readonly PromotionWindow[], now: number): PromotionWindow | null {
  return windows.find((w) => time(w.start) <= now && now < time(w.end)) ?? null;
}
