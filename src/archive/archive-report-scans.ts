/**
 * The report's scans of the cases themselves (src/archive/archive-report.ts): what does not add up across days,
 * so the rollups (archive-report-rollup.ts) cannot hold it.
 *
 * - `durations`: the first-response and resolve percentiles of the whole period and of each team in one scan,
 *   FILTERed by team: each percentile sorts only its own values (a `ROLLUP` by team measured slower: its sort of
 *   the whole period by team spilled to disk).
 * - `replyTimes`: each agent's first-reply median, one agent at a time through an index.
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
 * Each agent's first-reply median, for the agents who gave first replies in the period (from the rollup): one index
 * range scan and one sort of that agent's times each (archive_cases_first_response), instead of sorting the whole
 * period by agent before the medians (0.8 s of a 1M-case report's server time).
 */
export function replyTimes(db: SqlRunner, p: unknown[], agents: string[]): Promise<Array<{ agent: string; p50: Num }>> {
  return db.query(`SELECT a AS agent, (SELECT (percentile_disc(0.5) WITHIN GROUP (ORDER BY first_response_ms))::float8
      FROM archive_cases WHERE first_response_by = a AND ${PERIOD}) AS p50
    FROM unnest($3::text[]) AS a`, [...p, agents]);
}
