import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { TestRedis } from '../helpers/redis-server.js';

const a = new TestRedis();
const b = new TestRedis();
let client: RedisClient;
let admin: Redis;
beforeAll(async () => {
  await Promise.all([a.start(), b.start()]);
  client = createRedis({ url: a.url });
  client.on('error', () => {});
  admin = new Redis(a.url);
});
afterAll(async () => {
  client.disconnect();
  admin.disconnect();
  await Promise.all([a.destroy(), b.destroy()]);
});

it('a write that meets READONLY (a demoted master) reconnects and is resent, instead of failing', async () => {
  await admin.replicaof('127.0.0.1', b.port);
  const write = client.set('k', 'v');
  // The address becomes a master again (a moved endpoint, or the node promoted back): the resent write lands.
  // A failed promotion shows as the write never succeeding below.
  setTimeout(() => { admin.replicaof('NO', 'ONE').catch(() => undefined); }, 300);
  await expect(write).resolves.toBe('OK');
  expect(await admin.get('k')).toBe('v');
}, 15_000);
