import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { LocalFileStorage } from '../../src/storage/local-file.storage.js';
import { QuotaFileStorage } from '../../src/storage/quota-file.storage.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';

const server = new TestRedis();
let redis: Redis;
beforeAll(async () => {
  await server.start();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.destroy();
});

async function* chunks(n: number, size: number, failAt?: number): AsyncIterable<Buffer> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('client went away');
    yield Buffer.alloc(size, i);
  }
}

describe('QuotaFileStorage over LocalFileStorage', () => {
  it('streams to disk, refuses past the quota (removing the partial file), and gives the space back on delete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-quota-'));
    const store = new QuotaFileStorage(new LocalFileStorage({ dir }), redis, redisKeys(randomPrefix()), 10_000);
    expect(await store.putStream('a/one.png', chunks(6, 1000), 'image/png')).toMatchObject({ sizeBytes: 6000 });
    expect(await store.usedBytes()).toBe(6000);
    await expect(store.putStream('a/two.png', chunks(6, 1000), 'image/png')).rejects.toMatchObject({ code: 'storage.full' });
    await expect(store.put('a/three.png', Buffer.alloc(5000), 'image/png')).rejects.toMatchObject({ code: 'storage.full' });
    expect(readdirSync(join(dir, 'a'))).toEqual(['one.png']);
    await store.delete('a/one.png');
    expect(await store.usedBytes()).toBe(0);
    expect(await store.putStream('a/two.png', chunks(6, 1000), 'image/png')).toMatchObject({ sizeBytes: 6000 });
  });

  it('removes the partial file when the source fails, and counts nothing for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-quota-'));
    const store = new QuotaFileStorage(new LocalFileStorage({ dir }), redis, redisKeys(randomPrefix()), 0);
    await expect(store.putStream('b/cut.png', chunks(5, 1000, 3), 'image/png')).rejects.toThrow('client went away');
    expect(readdirSync(join(dir, 'b'))).toEqual([]);
    expect(await store.usedBytes()).toBe(0);
  });
});
