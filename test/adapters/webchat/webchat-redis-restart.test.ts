import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { Client, startServer, type Started } from './webchat-harness.js';

const redis = new TestRedis();
let a: Started;
let b: Started;
beforeAll(async () => {
  await redis.start();
  const prefix = randomPrefix();
  a = await startServer(redis.url, prefix);
  b = await startServer(redis.url, prefix);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis.destroy();
});

it('keeps pushing to an open socket after Redis restarts (resubscribe + replay)', async () => {
  const c = await Client.open(a.ws);
  const w = await c.hello();
  const address = { channel: 'webchat', conversationId: w.conversationId, userId: w.userId };
  await b.channel.send(address, { kind: 'progress', text: 'before' });
  await c.next('msg', (f) => f.entry.text === 'before');
  await redis.restart();
  await b.channel.send(address, { kind: 'progress', text: 'after restart' });
  await c.next('msg', (f) => f.entry.text === 'after restart', 10_000);
  expect(c.msgs().map((e) => e.seq)).toEqual([1, 2]);
  c.close();
});
