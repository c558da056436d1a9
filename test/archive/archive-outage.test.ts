// The archive database going away: consumers still file, the change log retries the archive side effect until
// the database is back, and one that stays away is recorded on the case and alerted — never lost silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TestPostgres } from '../helpers/postgres-server.js';
import { TestRedis } from '../helpers/redis-server.js';

const pg = new TestPostgres();
const redis = new TestRedis();
let t: TestApp;

beforeAll(async () => {
  await Promise.all([pg.start(), redis.start()]);
  // 4 attempts: inline, then after 0.5 s, 1 s and 2 s.
  t = await startTestApp(redis.url, { ARCHIVE_ENABLED: 'true', DATABASE_URL: await pg.createDatabase(), CHANGE_MAX_ATTEMPTS: '4' });
}, 60_000);
afterAll(async () => {
  await t?.app.close();
  await Promise.all([pg.stop(), redis.destroy()]);
});

const archivedVersion = async (id: string) =>
  (await t.app.core.archive!.db.query<{ version: number }>('SELECT version FROM archive_cases WHERE id = $1', [id]))[0]?.version;

describe('archive outage', () => {
  it('a case filed while PostgreSQL is down gets its number at once and is archived once the database is back', async () => {
    await pg.stop({ keepData: true });
    const started = Date.now();
    const id = await fileComplaint(consumer(t));
    expect(Date.now() - started).toBeLessThan(8000);
    await pg.start();
    const version = (await t.app.core.store.get(id))!.version;
    await eventually(async () => (await archivedVersion(id).catch(() => undefined)) === version, 'the retried archive side effect', 20_000);
  }, 60_000);

  it('a database that stays away is recorded on the case as a failed side effect and alerted', async () => {
    await pg.stop({ keepData: true });
    try {
      const id = await fileComplaint(consumer(t));
      await eventually(async () => (await t.app.core.store.timeline(id)).some((e) => e.type === 'side_effect_failed'), 'side_effect_failed on the timeline', 20_000);
      const failed = (await t.app.core.store.timeline(id)).find((e) => e.type === 'side_effect_failed');
      expect(failed?.data?.failed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'archive' })]));
      await eventually(() => t.workspace.alerts.some((a) => a.kind === 'side_effect_failed' && a.complaintId === id), 'the supervisor alert');
    } finally {
      await pg.start();
    }
  }, 60_000);
});
