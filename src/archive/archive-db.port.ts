/**
 * The archive's one small SQL port: two engines speak the same PostgreSQL dialect behind it — a real server
 * through `pg` (DATABASE_URL) and embedded PGlite under ./.redress/ when no server is configured.
 *
 * @example
 * const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_cases WHERE status = $1', ['resolved']);
 */
export interface SqlRunner {
  /** One statement with `$1…` parameters; rows as plain objects. Cast int8/numeric in SQL (`::int`, `::float8`) so both engines return numbers. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Several statements without parameters (a migration file); not held to the per-query timeout of `query`. */
  exec(sql: string): Promise<void>;
}

export interface ArchiveDb extends SqlRunner {
  readonly engine: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction on one connection: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
