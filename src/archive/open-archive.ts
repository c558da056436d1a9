import type { Config } from '../config/config.js';
import type { ArchiveDb } from './archive-db.port.js';
import { migrate } from './archive-migrations.js';
import { PgArchiveDb } from './pg-archive-db.js';
import { PgliteArchiveDb } from './pglite-archive-db.js';

/** The archive database the configuration names (DATABASE_URL, else embedded under ARCHIVE_DIR), migrated; null when the archive is off. */
export async function openArchiveDb(config: Pick<Config, 'archiveEnabled' | 'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'ARCHIVE_DIR'>): Promise<ArchiveDb | null> {
  if (!config.archiveEnabled) return null;
  const db = config.DATABASE_URL ? new PgArchiveDb(config.DATABASE_URL, config.DATABASE_POOL_MAX) : await PgliteArchiveDb.open(config.ARCHIVE_DIR);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}
