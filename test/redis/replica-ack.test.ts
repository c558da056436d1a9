/**
 * The durability step on a plain master (no Sentinel) with REDIS_WAIT_REPLICAS=auto: with no replica there is no
 * switch-over to guard against and nothing to wait for, so a confirm sends nothing once the replica count is
 * fresh; once a replica is attached the count follows within about a second and confirms wait for it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReplicaAck, type Durability } from '../../src/redis/replica-ack.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { eventually } from '../complaints/core-fixture.js';
import { ServerTrips } from '../../bench/redis-trips.js';
import { freePort, randomPrefix, TestRedis } from '../helpers/redis-server.js';

const master = new TestRedis();
const replicaDir = mkdtempSync(join(tmpdir(), 'redress-ack-'));
let replica: ChildProcess | undefined;
let shared: RedisClient;
let admin: Redis;
let ack: Durability;
const keys = redisKeys(randomPrefix());

beforeAll(async () => {
  await master.start();
  shared = createRedis({ url: master.url }, {});
  admin = new Redis(master.url);
  ack = createReplicaAck(shared, keys, { replicas: 'auto', timeoutMs: 2000 })!;
});
afterAll(async () => {
  ack?.close();
  shared?.disconnect();
  admin?.disconnect();
  replica?.kill('SIGKILL');
  await master.destroy();
  rmSync(replicaDir, { recursive: true, force: true });
});

async function put(id: string, version = 1) {
  const c = { id, version, consumerId: 'c-1', createdAt: 1 };
  await shared.set(keys.complaint(id), JSON.stringify(c));
  return c;
}

async function calls(command: string): Promise<number> {
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await admin.info('commandstats'))?.[1] ?? 0);
}

it('sends nothing for a confirm while the master has no replica; waits for one once it is attached', async () => {
  await ack.confirm(await put('RD-1')); // the first reads the count (INFO), and keeps it fresh from then on
  const cases = await Promise.all(['RD-2', 'RD-4', 'RD-5'].map((id) => put(id)));
  const gets = await calls('get');
  const trips = new ServerTrips(admin);
  const counted = await trips.measure(async () => { for (const c of cases) await ack.confirm(c); });
  // No proof read (a Sentinel deployment's GET), no marker, no WAIT; at most the background refresh's one INFO.
  expect(await calls('get')).toBe(gets);
  expect(counted.all).toBeLessThanOrEqual(1);

  const port = await freePort();
  replica = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', replicaDir, '--save', '', '--replicaof', '127.0.0.1', String(master.port)], { stdio: 'ignore' });
  await eventually(async () => /slave0:.*state=online/.test(await admin.info('replication')), 10_000, 'the replica online');
  const replicaClient = new Redis({ port, host: '127.0.0.1' });
  try {
    // Within about a second the refreshed count asks for the replica: a confirmed case is on it when confirm resolves.
    await new Promise((r) => setTimeout(r, 1200));
    const d = await put('RD-3');
    await ack.confirm(d);
    expect(JSON.parse((await replicaClient.get(keys.complaint('RD-3'))) ?? 'null')).toMatchObject({ id: 'RD-3' });
    expect(await calls('wait')).toBeGreaterThan(0);
  } finally {
    replicaClient.disconnect();
  }
}, 30_000);
