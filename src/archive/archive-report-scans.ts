/**
 * The report's scans of the cases themselves (src/archive/archive-report.ts): what does not add up across days,
 * so the rollups (archive-report-rollup.ts) cannot hold it.
 *
 * - `durations`: the first-response and resolve percentiles of the whole period and of each team in one scan,
 *   FILTERed by team: each percentile sorts only its own values (a `ROLLUP` by team measured slower: its sort of
 *   the whole period by team spilled to disk).
 */
import { GROUPS } from '../reports/complaint-report.js';
import type { CategoryGroup } from '../reports/report.types.js';
import type { SqlRunner } from './archive-db.port.js';

/** Cases created in the report's period [$1, $2). */
export const PERIOD = 'created_at >= $1 AND created_at < $2';

type Num = number | null;

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

/**
 * Per agent, the cases whose first reply was theirs and its median (GROUPed by agent: a sort by agent, then each
 * agent's times). The sort by bytes (`COLLATE "C"`) forms the same groups as the database's collation, far cheaper
 * than collating 800k ids (1M cases); the rows are ordered in archive-report.ts.
 */
export function replyTimes(db: SqlRunner, p: unknown[]): Promise<Array<{ agent: string; n: number; p50: Num }>> {
  return db.query(`SELECT first_response_by COLLATE "C" AS agent, count(*)::int AS n,
      (percentile_disc(0.5) WITHIN GROUP (ORDER BY first_response_ms))::float8 AS p50
    FROM archive_cases WHERE ${PERIOD} AND first_response_by IS NOT NULL GROUP BY first_response_by COLLATE "C"`, p);
}
