import pg from 'pg';
import type { ArchiveDb, SqlRunner } from './archive-db.port.js';

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
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlRunner = {
      query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
      exec: async (sql: string) => { await client.query(sql); },
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
