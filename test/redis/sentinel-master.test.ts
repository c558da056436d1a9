/**
 * `/readyz` on Sentinel: a process is ready only while it talks to the master the Sentinels name now. Real
 * master, replica and three Sentinels; a `SENTINEL failover` moves the master under a client pinned to the old one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SentinelMasterCheck } from '../../src/redis/sentinel-master.js';
import { hostPort } from '../../src/redis/redis-connection.js';
import { SENTINEL_MASTER_NAME, TestSentinel } from '../helpers/redis-sentinel.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

const s = new TestSentinel();
let check: SentinelMasterCheck;
let app: TestApp;

beforeAll(async () => {
  await s.start();
  check = new SentinelMasterCheck(s.sentinelAddresses.map(hostPort), SENTINEL_MASTER_NAME);
  app = await startTestApp('redis://127.0.0.1:6379', { REDIS_SENTINELS: s.sentinelAddresses.join(','), REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME });
}, 60_000);
afterAll(async () => {
  await app?.app.close();
  check?.close();
  await s.destroy();
});

const readyz = async () => {
  const port = (app.app.http.server.address() as { port: number }).port;
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as { reason?: string } };
};

it('a client on the old master is not ready after a switch-over; the app follows and is ready again', async () => {
  const pinned = s.client(await s.masterPort());
  await pinned.connect();
  try {
    expect(await check.problem(pinned)).toBeNull();
    expect((await readyz()).status).toBe(200);
    const { to } = await s.failover();
    expect(await check.problem(pinned)).toMatch(/another master/);
    const onNew = s.client(to);
    await onNew.connect();
    expect(await check.problem(onNew)).toBeNull();
    onNew.disconnect();
    await eventually(async () => (await readyz()).status === 200, 'the app to follow the new master', 15_000);
  } finally {
    pinned.disconnect();
  }
}, 60_000);
