import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { RedressError } from '../errors.js';
import type { ArchiveDb, SqlRunner } from './archive-db.port.js';

/**
 * Embedded PostgreSQL (PGlite: Postgres compiled to WASM, in this process) over a data directory, so a
 * single-machine `npm start` needs no database server. Only one process may open a directory: a lock file
 * beside it holds the owner's pid, and a second process is refused with what to do instead.
 */
export class PgliteArchiveDb implements ArchiveDb {
  readonly engine = 'pglite' as const;

  private constructor(private readonly db: PGlite, private readonly lockFile: string) {}

  static async open(dir: string): Promise<PgliteArchiveDb> {
    const lockFile = `${dir.replace(/[\\/]+$/, '')}.lock`;
    mkdirSync(dir, { recursive: true });
    takeLock(lockFile, dir);
    try {
      const db = await PGlite.create(dir);
      return new PgliteArchiveDb(db, lockFile);
    } catch (err) {
      rmSync(lockFile, { force: true });
      throw err;
    }
  }

  async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.db.query<R>(sql, params)).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.db.transaction((t) => fn({
      query: async <R>(sql: string, params: unknown[] = []) => (await t.query<R>(sql, params)).rows,
      exec: async (sql: string) => { await t.exec(sql); },
    }));
  }

  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      rmSync(this.lockFile, { force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file, or takes over one whose process is gone; refuses when a live process holds it. */
function takeLock(lockFile: string, dir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
      throw new RedressError('archive.locked',
        `The embedded archive ${dir} is already open in process ${owner}; only one process can use it. ` +
        'With several processes (--role web and --role worker), set DATABASE_URL to a PostgreSQL server that all of them share.');
    }
    rmSync(lockFile, { force: true });
  }
  throw new RedressError('archive.locked', `Could not take the lock ${lockFile} on the embedded archive.`);
}
