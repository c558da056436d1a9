/**
 * The daily rollups (src/archive/migrations/0002_daily_rollup.sql) against a recount from the case rows: both as
 * sorted JSON, so a test names the first bucket that differs. Buckets emptied by updates (all zero) are left out.
 */
import type { SqlRunner } from '../../src/archive/archive-db.port.js';

const CASE_KEYS = 'day, category, category_group, tier, status';
const CASE_SUMS = 'cases, open, fr_n, rs_n, rated, rating_sum, r1, r2, r3, r4, r5, reopened, group_n';
const KEY_KEYS = 'day, facet, key, category';
const KEY_SUMS = 'n, rated, rating_sum';

const sums = (cols: string, t: string) => cols.split(', ').map((c) => `sum(${t}.${c})::float8 AS ${c}`).join(', ');
const of = (cols: string, t: string) => cols.split(', ').map((c) => `${t}.${c}`).join(', ');
const floats = (cols: string) => cols.split(', ').map((c) => `${c}::float8 AS ${c}`).join(', ');
const day = (keys: string, t = '') => keys.replace('day', `${t}day::float8 AS day`).replace(/, (\w+)/g, `, ${t}$1`);

export async function rollupAndRecount(db: SqlRunner): Promise<{ rollup: unknown[]; recount: unknown[] }> {
  const [cases, recountCases, keys, recountKeys] = await Promise.all([
    db.query(`SELECT ${day(CASE_KEYS)}, ${floats(CASE_SUMS)} FROM archive_daily_cases WHERE cases <> 0 ORDER BY ${CASE_KEYS}`),
    db.query(`SELECT ${day(CASE_KEYS, 't.')}, ${sums(CASE_SUMS, 't')} FROM archive_cases c, LATERAL archive_case_tally(c, 1) AS t GROUP BY ${of(CASE_KEYS, 't')} ORDER BY ${of(CASE_KEYS, 't')}`),
    db.query(`SELECT ${day(KEY_KEYS)}, ${floats(KEY_SUMS)} FROM archive_daily_keys WHERE n <> 0 ORDER BY ${KEY_KEYS}`),
    db.query(`SELECT ${day(KEY_KEYS, 'k.')}, ${sums(KEY_SUMS, 'k')} FROM archive_cases c, LATERAL archive_case_keys(c, 1) AS k GROUP BY ${of(KEY_KEYS, 'k')} ORDER BY ${of(KEY_KEYS, 'k')}`),
  ]);
  return { rollup: [cases, keys], recount: [recountCases, recountKeys] };
}
