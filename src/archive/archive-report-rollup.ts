/**
 * The report's additive counts from the daily rollups (migrations/0002_daily_rollup.sql), which triggers keep in
 * step with archive_cases: a 92-day report sums a few thousand bucket rows instead of scanning every case (over
 * 1M cases these scans took most of the report's server CPU; see the README's benchmark).
 *
 * A bucket is a whole UTC day. Days the period covers whole come from the rollup; a period edge inside a day
 * (report-period.ts gives whole days, but `archiveReport` takes any [from, to)) is scanned from the cases
 * through the same SQL functions the triggers use, so both halves count alike.
 *
 * - `caseCounts`: totals and counts by category, team, tier and status, from buckets by (category, team, tier, status).
 * - `keyCounts`: per agent (claims, first replies, resolutions and their ratings), per merchant (with the merchant-caused
 *   share, src/reports/merchant-caused.ts) and per product.
 */
import { MERCHANT_CAUSED } from '../reports/merchant-caused.js';
import type { ComplaintStatus } from '../complaints/complaint.types.js';
import type { CategoryGroup } from '../reports/report.types.js';
import type { Category, RiskTier } from '../triage/triage.types.js';
import type { SqlRunner } from './archive-db.port.js';

const DAY_MS = 86_400_000;

/** [$1 from, $2 to, $3 first whole day, $4 end of the last whole day]; $3 = $4 = to when no day is whole. */
export function rollupParams(from: number, to: number): number[] {
  const first = Math.ceil(from / DAY_MS) * DAY_MS;
  const end = Math.floor(to / DAY_MS) * DAY_MS;
  return first < end ? [from, to, first, end] : [from, to, to, to];
}

const WHOLE_DAYS = 'day >= $3 AND day < $4';
/** The parts of the period outside its whole days (an index range scan each, empty for a whole-day period). */
const EDGES = '(created_at >= $1 AND created_at < $3 OR created_at >= $4 AND created_at < $2)';

/** Counts that add up across buckets. */
export interface Tally {
  cases: number; open: number; fr_n: number; rs_n: number; rated: number; rating_sum: number;
  r1: number; r2: number; r3: number; r4: number; r5: number; reopened: number; group_n: number;
}

interface CountRow extends Tally { category: Category; g: CategoryGroup; tier: RiskTier; status: ComplaintStatus }

export interface CaseCounts {
  total: Tally;
  byGroup: Map<CategoryGroup, Tally>;
  category: Map<Category, number>;
  tier: Map<RiskTier, number>;
  status: Map<ComplaintStatus, number>;
}

const zero = (): Tally => ({ cases: 0, open: 0, fr_n: 0, rs_n: 0, rated: 0, rating_sum: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0, reopened: 0, group_n: 0 });
const TALLY_KEYS = Object.keys(zero()) as Array<keyof Tally>;
const TALLY_COLUMNS = TALLY_KEYS.join(', ');

function add(into: Tally, row: Tally): void {
  for (const k of TALLY_KEYS) into[k] += Number(row[k] ?? 0);
}

function bump<K>(m: Map<K, number>, k: K, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

export async function caseCounts(db: SqlRunner, p: number[]): Promise<CaseCounts> {
  const sums = TALLY_KEYS.map((k) => `sum(${k})::${k === 'rating_sum' ? 'float8' : 'int'} AS ${k}`).join(', ');
  const rows = await db.query<CountRow>(`SELECT category, category_group AS g, tier, status, ${sums} FROM (
      SELECT category, category_group, tier, status, ${TALLY_COLUMNS} FROM archive_daily_cases WHERE ${WHOLE_DAYS}
      UNION ALL SELECT t.category, t.category_group, t.tier, t.status, ${TALLY_KEYS.map((k) => `t.${k}`).join(', ')}
        FROM archive_cases c, LATERAL archive_case_tally(c, 1) AS t WHERE ${EDGES}
    ) AS u GROUP BY category, category_group, tier, status HAVING sum(cases) > 0`, p);
  const out: CaseCounts = { total: zero(), byGroup: new Map(), category: new Map(), tier: new Map(), status: new Map() };
  for (const r of rows) {
    add(out.total, r);
    const g = out.byGroup.get(r.g) ?? zero();
    add(g, r);
    out.byGroup.set(r.g, g);
    bump(out.category, r.category, r.cases);
    bump(out.tier, r.tier, r.cases);
    bump(out.status, r.status, r.cases);
  }
  return out;
}

export interface AgentCounts { claimed: number; replied: number; resolved: number; rated: number; ratingSum: number }

export interface KeyCounts {
  agents: Map<string, AgentCounts>;
  merchants: Map<string, number>;
  merchantCaused: Map<string, number>;
  products: Map<string, number>;
}

interface KeyRow { facet: 'claimed' | 'replied' | 'resolved' | 'merchant' | 'product'; key: string; n: number; caused: number; rated: number; rating_sum: number }

export async function keyCounts(db: SqlRunner, p: number[]): Promise<KeyCounts> {
  const rows = await db.query<KeyRow>(`SELECT facet, key, sum(n)::int AS n, (sum(n) FILTER (WHERE category = ANY($5::text[])))::int AS caused,
      sum(rated)::int AS rated, sum(rating_sum)::float8 AS rating_sum FROM (
      SELECT facet, key, category, n, rated, rating_sum FROM archive_daily_keys WHERE ${WHOLE_DAYS}
      UNION ALL SELECT k.facet, k.key, k.category, k.n, k.rated, k.rating_sum
        FROM archive_cases c, LATERAL archive_case_keys(c, 1) AS k WHERE ${EDGES}
    ) AS u GROUP BY facet, key HAVING sum(n) > 0`, [...p, MERCHANT_CAUSED]);
  const out: KeyCounts = { agents: new Map(), merchants: new Map(), merchantCaused: new Map(), products: new Map() };
  const agent = (id: string) => out.agents.get(id) ?? out.agents.set(id, { claimed: 0, replied: 0, resolved: 0, rated: 0, ratingSum: 0 }).get(id)!;
  for (const r of rows) {
    if (r.facet === 'claimed') agent(r.key).claimed = r.n;
    else if (r.facet === 'replied') agent(r.key).replied = r.n;
    else if (r.facet === 'resolved') Object.assign(agent(r.key), { resolved: r.n, rated: r.rated, ratingSum: r.rating_sum });
    else if (r.facet === 'product') out.products.set(r.key, r.n);
    else {
      out.merchants.set(r.key, r.n);
      if (r.caused) out.merchantCaused.set(r.key, r.caused);
    }
  }
  return out;
}
