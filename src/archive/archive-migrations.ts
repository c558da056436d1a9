/**
 * Schema migrations: plain SQL files in ./migrations named `NNNN_what.sql`, applied in order at start-up,
 * each in its own transaction together with its row in `archive_migrations`. A transaction-scoped advisory
 * lock serialises processes that start at once: the second waits, then finds the files applied and skips them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { RedressError } from '../errors.js';
import type { ArchiveDb } from './archive-db.port.js';

const DIR = new URL('./migrations/', import.meta.url);
const FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Any fixed number: the advisory lock every Redress process takes around a migration. */
const LOCK_ID = 72_657_201;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrationFiles(): Migration[] {
  return readdirSync(DIR).filter((f) => FILE.test(f)).sort().map((name) => ({
    version: Number(FILE.exec(name)![1]),
    name,
    sql: readFileSync(new URL(name, DIR), 'utf8'),
  }));
}

/** Applies what is missing; returns the names applied now (empty when the schema was current). */
export async function migrate(db: ArchiveDb, migrations: Migration[] = migrationFiles()): Promise<string[]> {
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // exec: waiting for another process's migration may outlast an ordinary query's timeout.
      await tx.exec(`SELECT pg_advisory_xact_lock(${LOCK_ID})`);
      await tx.exec('CREATE TABLE IF NOT EXISTS archive_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const found = await tx.query('SELECT 1 FROM archive_migrations WHERE version = $1', [m.version]);
      if (found.length) return false;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new RedressError('archive.migration_failed', `Archive migration ${m.name} failed: ${(err as Error).message}`, { migration: m.name });
      }
      await tx.query('INSERT INTO archive_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
