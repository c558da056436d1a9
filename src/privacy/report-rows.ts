/**
 * One row per case created in a period, for the CSV export of reports: the facts only (no consumer, no text).
 * From the archive when there is one (the whole period, read in pages so a 92-day export of millions of cases
 * streams instead of sitting in memory), else from Redis (up to MAX_REPORT_CASES, as reports).
 */
import type { SqlRunner } from '../archive/archive-db.port.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import { caseFacts } from '../reports/case-facts.js';
import { MAX_REPORT_CASES } from '../reports/report-loader.js';
import type { ReportPeriod } from '../reports/report-period.js';
import { csvRows } from './csv-cells.js';

export interface ReportRow {
  id: string;
  createdAt: number;
  category: string;
  tier: string;
  status: string;
  firstResponseMinutes: number | null;
  resolveMinutes: number | null;
  rating: number | null;
}

const PAGE = 5_000;
const minutes = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : Math.round(Number(ms) / 6_000) / 10);

interface ArchiveRow { id: string; created_at: number; category: string; tier: string; status: string; fr: number | null; rs: number | null; rating: number | null }

/** Keyset pages by (created_at, id): each page is one indexed range read, however deep into the period. */
async function* archivePages(db: SqlRunner, period: Pick<ReportPeriod, 'from' | 'to'>): AsyncGenerator<ReportRow[]> {
  let after: { at: number; id: string } = { at: period.from - 1, id: '' };
  for (;;) {
    const rows = await db.query<ArchiveRow>(
      `SELECT id, created_at::float8 AS created_at, category, tier, status, first_response_ms::float8 AS fr, resolve_ms::float8 AS rs, rating
       FROM archive_cases WHERE created_at >= $1 AND created_at < $2 AND (created_at, id) > ($3::bigint, $4::text)
       ORDER BY created_at, id LIMIT ${PAGE}`, [period.from, period.to, after.at, after.id]);
    if (!rows.length) return;
    yield rows.map((r) => ({ id: r.id, createdAt: r.created_at, category: r.category, tier: r.tier, status: r.status, firstResponseMinutes: minutes(r.fr), resolveMinutes: minutes(r.rs), rating: r.rating }));
    const last = rows.at(-1)!;
    after = { at: last.created_at, id: last.id };
    if (rows.length < PAGE) return;
  }
}

async function redisRows(store: RedisComplaintStore, period: Pick<ReportPeriod, 'from' | 'to'>, now: number): Promise<ReportRow[]> {
  const cases = await store.listCreatedBetween(period.from, period.to, MAX_REPORT_CASES);
  const timelines = await Promise.all(cases.map((c) => store.timeline(c.id)));
  return cases.map((c, i) => {
    const f = caseFacts({ complaint: c, timeline: timelines[i] ?? [] }, now);
    return { id: c.id, createdAt: c.createdAt, category: c.category, tier: c.triage.tier, status: c.status, firstResponseMinutes: minutes(f.firstResponse?.ms), resolveMinutes: minutes(f.resolveMs), rating: f.rating };
  });
}

/** The period's rows in pages, oldest first. */
export async function* reportRowPages(src: { store: RedisComplaintStore; archive?: SqlRunner | null }, period: Pick<ReportPeriod, 'from' | 'to'>, now: number): AsyncGenerator<ReportRow[]> {
  if (src.archive) yield* archivePages(src.archive, period);
  else yield await redisRows(src.store, period, now);
}

export const REPORT_CSV_HEADER = ['id', 'created', 'category', 'tier', 'status', 'first_response_minutes', 'resolve_minutes', 'rating'];

export function reportCsvRows(rows: ReportRow[]): string {
  return csvRows(rows.map((r) => [r.id, new Date(r.createdAt).toISOString(), r.category, r.tier, r.status, r.firstResponseMinutes, r.resolveMinutes, r.rating]));
}

/** The whole CSV text, header first (for a few rows; the console streams pages instead). */
export function reportCsv(rows: ReportRow[]): string {
  return csvRows([REPORT_CSV_HEADER]) + reportCsvRows(rows);
}

/** Header, then each page as CSV text: what the console streams to the client. */
export async function* reportCsvChunks(pages: AsyncIterable<ReportRow[]>): AsyncGenerator<string> {
  yield csvRows([REPORT_CSV_HEADER]);
  for await (const page of pages) if (page.length) yield reportCsvRows(page);
}
