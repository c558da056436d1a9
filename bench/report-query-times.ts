/**
 * `--explain` for bench/reports.bench.ts: where the report's time goes. Records the statements one report runs,
 * then runs each alone under EXPLAIN ANALYZE (one after another, so none waits for a core the others hold) and
 * returns its execution time and the top of its plan.
 */
import type { SqlRunner } from '../src/archive/archive-db.port.js';

export interface QueryTime { sql: string; ms: number; plan: string[] }

/** A runner that notes every statement it passes on. */
export function recordingRunner(db: SqlRunner, into: Array<{ sql: string; params: unknown[] }>): SqlRunner {
  return {
    query: (sql, params = []) => { into.push({ sql, params }); return db.query(sql, params); },
    exec: (sql) => db.exec(sql),
  };
}

export async function timeEach(db: SqlRunner, statements: Array<{ sql: string; params: unknown[] }>): Promise<QueryTime[]> {
  const out: QueryTime[] = [];
  for (const s of statements) {
    const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const exec = plan.find((l) => l.startsWith('Execution Time'));
    out.push({ sql: s.sql.replace(/\s+/g, ' ').slice(0, 120), ms: Number(/([\d.]+) ms/.exec(exec ?? '')?.[1] ?? NaN), plan });
  }
  return out;
}
