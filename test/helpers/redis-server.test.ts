import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { TestRedis } from './redis-server.js';

const redis = new TestRedis();
beforeAll(() => redis.start());
afterAll(() => redis.destroy());

it('keeps acknowledged writes across a hard restart', async () => {
  const c = new Redis(redis.url, { maxRetriesPerRequest: null });
  c.on('error', () => {});
  await c.set('k', 'v');
  await redis.restart();
  expect(await c.get('k')).toBe('v');
  c.disconnect();
});
