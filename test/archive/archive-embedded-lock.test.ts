// Two real processes on one embedded archive directory: the second stops at start-up and says to set DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../src/archive/archive-migrations.js';
import { PgliteArchiveDb } from '../../src/archive/pglite-archive-db.js';
import { RedressProcess } from '../helpers/redress-process.js';
import { TestRedis, randomPrefix } from '../helpers/redis-server.js';

const redis = new TestRedis();
const dir = mkdtempSync(join(tmpdir(), 'redress-archive-lock-'));
let env: Record<string, string>;
const first = () => new RedressProcess('all', env);
let running: RedressProcess;

beforeAll(async () => {
  await redis.start();
  env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: randomPrefix(), ARCHIVE_ENABLED: 'true', ARCHIVE_DIR: join(dir, 'archive') };
  // Creating a data directory takes PGlite 10 s or more on a busy machine, longer than a process may take to get
  // ready; made here once, the process only reopens it.
  const made = await PgliteArchiveDb.open(env.ARCHIVE_DIR!);
  await migrate(made);
  await made.close();
  running = first();
  await running.start();
}, 120_000);
afterAll(async () => {
  await running?.stop(true);
  await redis.destroy();
  rmSync(dir, { recursive: true, force: true });
});

it('a second process on the same embedded archive exits at start-up, naming the holder and DATABASE_URL', async () => {
  const second = new RedressProcess('worker', env);
  const err = await second.start().then(() => null, (e: Error) => e);
  await second.stop();
  expect(err?.message).toMatch(/exited while starting/);
  expect(err?.message).toMatch(/already open in process \d+/);
  expect(err?.message).toContain('set DATABASE_URL');
}, 60_000);
