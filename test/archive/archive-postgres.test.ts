// The archive contract against a real PostgreSQL server (spawned here, Debian's postgresql package).
import { afterAll, beforeAll } from 'vitest';
import { PgArchiveDb } from '../../src/archive/pg-archive-db.js';
import { TestPostgres } from '../helpers/postgres-server.js';
import { archiveContract, type ArchiveEngine } from './archive.contract.js';
import { evictionContract } from './archive-eviction.contract.js';

const server = new TestPostgres();
beforeAll(() => server.start(), 60_000);
afterAll(() => server.stop());

const engine = (): ArchiveEngine => ({
  appEnv: async () => ({ ARCHIVE_ENABLED: 'true', DATABASE_URL: await server.createDatabase() }),
  openPair: async () => {
    const url = await server.createDatabase();
    return [new PgArchiveDb(url, 2), new PgArchiveDb(url, 2)];
  },
  teardown: async () => {},
});
archiveContract('PostgreSQL server', engine);
evictionContract('PostgreSQL server', engine);
