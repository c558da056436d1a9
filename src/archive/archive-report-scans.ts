/**
 * The two scans most of the report comes from (src/archive/archive-report.ts):
 *
 * - `caseCounts`: one hash aggregate by (category, group, tier, status, open) — a few hundred rows at most — from
 *   which the totals, the counts by category, tier and status and the teams' counts are summed here. It replaced
 *   three scans whose dozens of FILTERed aggregates each tested every row (92 days over 1M cases: the teams' query
 *   alone took 9.5 s of 20 s, run one after another on a loaded machine; see the README's benchmark).
 * - `durations`: the first-response and resolve percentiles of the whole period and of each team in one scan,
 *   FILTERed by team: each percentile sorts only its own values (a `ROLLUP` by team measured slower: its sort of
 *   the whole period by team spilled to disk).
 */
import type { Category, RiskTier } from '../triage/triage.types.js';
import type { ComplaintStatus } from '../complaints/complaint.types.js';
import { GROUPS } from '../reports/complaint-report.js';
import type { CategoryGroup } from '../reports/report.types.js';
import type { SqlRunner } from './archive-db.port.js';

/** Cases created in the report's period [$1, $2). */
export const PERIOD = 'created_at >= $1 AND created_at < $2';

type Num = number | null;

/** Counts that add up across rows of the case-count scan. */
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

function add(into: Tally, row: Tally): void {
  for (const k of TALLY_KEYS) into[k] += Number(row[k] ?? 0);
}

function bump<K>(m: Map<K, number>, k: K, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

export async function caseCounts(db: SqlRunner, p: unknown[]): Promise<CaseCounts> {
  const rows = await db.query<CountRow>(`SELECT category, category_group AS g, tier, status,
      count(*)::int AS cases, count(*) FILTER (WHERE is_open)::int AS open,
      count(first_response_ms)::int AS fr_n, count(resolve_ms)::int AS rs_n,
      count(rating)::int AS rated, COALESCE(sum(rating), 0)::float8 AS rating_sum,
      count(*) FILTER (WHERE rating = 1)::int AS r1, count(*) FILTER (WHERE rating = 2)::int AS r2,
      count(*) FILTER (WHERE rating = 3)::int AS r3, count(*) FILTER (WHERE rating = 4)::int AS r4,
      count(*) FILTER (WHERE rating = 5)::int AS r5,
      count(*) FILTER (WHERE resolve_ms IS NOT NULL AND reopened)::int AS reopened,
      count(*) FILTER (WHERE group_complaint)::int AS group_n
    FROM archive_cases WHERE ${PERIOD} GROUP BY category, category_group, tier, status`, p);
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

export interface Durations {
  /** [p50, p90] over the whole period, or null without values. */
  firstResponse: Num[] | null;
  resolve: Num[] | null;
  /** Each team's p50s. */
  byGroup: Map<CategoryGroup, { fr: Num; rs: Num }>;
}

export async function durations(db: SqlRunner, p: unknown[]): Promise<Durations> {
  const perGroup = GROUPS.map((_, i) => {
    const f = `FILTER (WHERE category_group = $${i + 3})`;
    return `(percentile_disc(0.5) WITHIN GROUP (ORDER BY first_response_ms) ${f})::float8 AS fr${i},
      (percentile_disc(0.5) WITHIN GROUP (ORDER BY resolve_ms) ${f})::float8 AS rs${i}`;
  });
  const [row] = await db.query<Record<string, Num | Num[]>>(`SELECT
      (percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY first_response_ms))::float8[] AS fr,
      (percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY resolve_ms))::float8[] AS rs, ${perGroup.join(', ')}
    FROM archive_cases WHERE ${PERIOD}`, [...p, ...GROUPS]);
  const one = (k: string) => (row?.[k] ?? null) as Num;
  return {
    firstResponse: (row?.fr ?? null) as Num[] | null,
    resolve: (row?.rs ?? null) as Num[] | null,
    byGroup: new Map(GROUPS.map((g, i) => [g, { fr: one(`fr${i}`), rs: one(`rs${i}`) }])),
  };
}
