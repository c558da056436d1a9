// The archive contract against the embedded default (PGlite in a data directory), and its one-process lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PgliteArchiveDb } from '../../src/archive/pglite-archive-db.js';
import { archiveContract } from './archive.contract.js';
import { evictionContract } from './archive-eviction.contract.js';

const root = mkdtempSync(join(tmpdir(), 'redress-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

archiveContract('embedded PGlite', () => ({
  appEnv: async () => ({ ARCHIVE_ENABLED: 'true', ARCHIVE_DIR: join(root, 'app') }),
  // One process may open a directory, so "two at once" is two migrations racing on one handle.
  openPair: async () => {
    const db = await PgliteArchiveDb.open(join(root, 'pair'));
    return [db, db];
  },
  teardown: async () => {},
}));

evictionContract('embedded PGlite', () => ({
  appEnv: async () => ({ ARCHIVE_ENABLED: 'true', ARCHIVE_DIR: join(root, 'evict') }),
  openPair: () => Promise.reject(new Error('not used by the eviction contract')),
  teardown: async () => {},
}));

describe('embedded archive lock', () => {
  it('refuses a second opening of a directory in use, naming DATABASE_URL; opens again once closed', async () => {
    const dir = join(root, 'locked');
    const first = await PgliteArchiveDb.open(dir);
    await expect(PgliteArchiveDb.open(dir)).rejects.toMatchObject({ code: 'archive.locked', message: expect.stringContaining('DATABASE_URL') });
    await first.close();
    const again = await PgliteArchiveDb.open(dir);
    await again.close();
  }, 120_000);
});
