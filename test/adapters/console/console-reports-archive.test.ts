// The console's report API over the archive: a period holding more cases than Redis reports would read
// (MAX_REPORT_CASES) is counted whole, from PostgreSQL, for a logged-in supervisor.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_REPORT_CASES, type LoadedReport } from '../../../src/reports/report-loader.js';
import { seedCases, seeded } from '../../helpers/archive-fixtures.js';
import { TestPostgres } from '../../helpers/postgres-server.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { AgentClient } from './console-client.js';

const DAY = 86_400_000;
const N = MAX_REPORT_CASES + 1_500;
const FROM = Date.parse('2026-09-01T00:00:00Z');
const AGENTS = JSON.stringify([{ id: 'a-sup', name: 'Sue', role: 'supervisor', compensationLimit: 1000, password: 'pw-sup-12345' }]);

const redis = new TestRedis();
const pg = new TestPostgres();
let t: TestApp;
beforeAll(async () => {
  await Promise.all([redis.start(), pg.start()]);
  t = await startTestApp(redis.url, { AGENTS, ARCHIVE_ENABLED: 'true', DATABASE_URL: await pg.createDatabase() });
}, 90_000);
afterAll(async () => {
  await t?.app.close();
  await Promise.all([redis.destroy(), pg.stop()]);
});

it(`a period with ${N} cases is reported whole from the archive, matching a count by hand`, async () => {
  await seedCases(t.app.core.archive!.db, { n: N, from: FROM, spanMs: 30 * DAY, prefix: 'RD-ARCH-' });
  const base = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`;
  const sue = await AgentClient.login(base, 'a-sup', 'pw-sup-12345');
  const res = await sue.get<LoadedReport>('/console/api/reports?from=2026-09-01&to=2026-09-30');
  expect(res.status).toBe(200);
  expect(res.body.source).toBe('archive');
  expect(res.body.truncated).toBe(false);
  expect(res.body.summary.cases).toBe(N);
  const byHand = new Map<string, number>();
  for (let i = 0; i < N; i++) byHand.set(seeded.category(i), (byHand.get(seeded.category(i)) ?? 0) + 1);
  expect(res.body.byCategory.length).toBeGreaterThan(0);
  for (const row of res.body.byCategory) expect(row.count, row.key).toBe(byHand.get(row.key) ?? 0);
}, 120_000);
