/**
 * A confirm whose case cannot be shown on a replica (REDIS_WAIT_REPLICAS=1, none attached yet) gives the
 * consumer no number: the turn says "we couldn't save that just now", the dialog stays at its confirm step,
 * and once a real replica is attached the consumer's second confirm files exactly one case.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { freePort, TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, startTestApp, walkToSummary, type TestApp } from '../helpers/test-app.js';

const master = new TestRedis();
const replicaDir = mkdtempSync(join(tmpdir(), 'redress-replica-'));
let replica: ChildProcess | undefined;
let t: TestApp;
beforeAll(async () => {
  await master.start();
  // 2 s: long enough for a loaded CI machine's replica to ack, short enough for the refusal test.
  t = await startTestApp(master.url, { REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '2000' });
});
afterAll(async () => {
  await t.app.close();
  replica?.kill('SIGKILL');
  await master.destroy();
  rmSync(replicaDir, { recursive: true, force: true });
});

async function attachReplica(): Promise<void> {
  const port = await freePort();
  replica = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', replicaDir, '--save', '', '--replicaof', '127.0.0.1', String(master.port)], { stdio: 'ignore' });
  const probe = new Redis(master.url, { lazyConnect: true });
  await probe.connect();
  try {
    await eventually(async () => /state=online/.test(await probe.info('replication')), 'the replica to come online');
  } finally {
    probe.disconnect();
  }
}

it('no number without a replica; the retried confirm files one case once a replica is there', async () => {
  const c = consumer(t, 'unreplicated');
  await walkToSummary(c);
  await c.press('confirm');
  expect(c.last()?.text).toMatch(/couldn't save that just now/);
  expect(c.messages().some((m) => /RD-\d{8}-\d{4}/.test(m.message.text ?? ''))).toBe(false);

  await attachReplica();
  await c.press('confirm');
  const id = /RD-\d{8}-\d{4}/.exec(c.last()?.text ?? '')?.[0];
  expect(id, c.last()?.text).toBeTruthy();
  const own = await t.app.core.complaints.listOwn(c.consumerId);
  expect(own.map((x) => x.id)).toEqual([id]);
}, 30_000);
