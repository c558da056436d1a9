import pg from 'pg';
import type { ArchiveDb, SqlRunner } from './archive-db.port.js';

/**
 * `exec` runs migration files, which may rewrite a large archive (0002's rollup backfill: 14 s over 1M cases on a
 * loaded machine), so it is not held to the side effect's 10 s read timeout; a lock wait before one isn't either.
 */
const MIGRATION_TIMEOUT_MS = 30 * 60_000;
// pg reads a per-query `query_timeout` (lib/client.js) though its QueryConfig type does not declare it.
const migrationQuery = (text: string): pg.QueryConfig => ({ text, query_timeout: MIGRATION_TIMEOUT_MS }) as pg.QueryConfig;

/** A real PostgreSQL server through a bounded `pg` pool (every process of a split deployment shares it). */
export class PgArchiveDb implements ArchiveDb {
  readonly engine = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(url: string, maxConnections = 5) {
    // The writer runs the archive side effect before its turn answers: a database that is gone or hanging must
    // fail it soon (the change log retries it), not hold the consumer's reply.
    this.pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 2000, query_timeout: 10_000, idleTimeoutMillis: 30_000 });
    // An idle client that loses its server must not crash the process; the next query reports the problem.
    this.pool.on('error', () => {});
  }

  async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query(sql, params)).rows as R[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(migrationQuery(sql));
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlRunner = {
      query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
      exec: async (sql: string) => { await client.query(migrationQuery(sql)); },
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
