/** The report period from `from` / `to` dates (YYYY-MM-DD, whole UTC days, both inclusive). */
import { RedressError } from '../errors.js';

export const DEFAULT_PERIOD_DAYS = 7;
export const MAX_PERIOD_DAYS = 92;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ReportPeriod {
  /** Start of `fromDate` (inclusive) and start of the day after `toDate` (exclusive), epoch ms. */
  from: number;
  to: number;
  fromDate: string;
  toDate: string;
  days: number;
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function parseDate(name: string, value: string): number {
  const ms = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March; a round trip catches it.
  if (Number.isNaN(ms) || dateOf(ms) !== value) {
    throw new RedressError('input.invalid', `"${name}" must be a date written YYYY-MM-DD, such as 2026-03-01; got "${value}".`, { [name]: value });
  }
  return ms;
}

/**
 * Missing `to` is today (UTC); missing `from` is `to` minus 6 days (a 7-day period).
 * Refuses (`input.invalid`) malformed dates, `from` after `to`, and periods longer than 92 days.
 *
 * @example reportPeriod({ from: '2026-03-01', to: '2026-03-07' }, now) // { fromDate: '2026-03-01', toDate: '2026-03-07', days: 7, ... }
 */
export function reportPeriod(query: { from?: string; to?: string }, now: number): ReportPeriod {
  const toDay = query.to ? parseDate('to', query.to) : Date.parse(`${dateOf(now)}T00:00:00Z`);
  const fromDay = query.from ? parseDate('from', query.from) : toDay - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS;
  if (fromDay > toDay) {
    throw new RedressError('input.invalid', `"from" (${dateOf(fromDay)}) is after "to" (${dateOf(toDay)}); swap them.`, { from: dateOf(fromDay), to: dateOf(toDay) });
  }
  const days = Math.round((toDay - fromDay) / DAY_MS) + 1;
  if (days > MAX_PERIOD_DAYS) {
    throw new RedressError('input.invalid', `The period is ${days} days; reports cover at most ${MAX_PERIOD_DAYS}. Pick a shorter range.`, { from: dateOf(fromDay), to: dateOf(toDay) });
  }
  return { from: fromDay, to: toDay + DAY_MS, fromDate: dateOf(fromDay), toDate: dateOf(toDay), days };
}
