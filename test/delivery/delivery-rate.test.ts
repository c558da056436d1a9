import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChannelRegistry } from '../../src/channels/channel.port.js';
import { DeliveryQueue } from '../../src/delivery/delivery.queue.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { ConversationAddress, OutboundMessage } from '../../src/messages/message.types.js';
import { createRedis } from '../../src/redis/redis-connection.js';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { TestRedis, randomPrefix } from '../helpers/redis-server.js';
import { TestChannel } from '../helpers/test-channel.js';

const server = new TestRedis();
beforeAll(() => server.start());
afterAll(() => server.destroy());

/** A channel that remembers when each send happened. */
class TimedChannel extends TestChannel {
  at: number[] = [];
  override async send(a: ConversationAddress, m: OutboundMessage) {
    this.at.push(Date.now());
    return super.send(a, m);
  }
}

function maxInOneSecond(times: number[]): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
}

it('respects a channel\'s per-conversation and per-channel rates, in order, without spending attempts', async () => {
  const redis = createRedis({ url: server.url });
  const channel = new TimedChannel();
  Object.assign(channel.capabilities, { perConversationPerSecond: 2, perChannelPerSecond: 3 });
  const registry = new ChannelRegistry();
  registry.register(channel);
  const dq = new DeliveryQueue(redis, redisKeys(randomPrefix()), silentLogger);
  const worker = dq.startWorker(registry, async () => {}, 8);
  const a: ConversationAddress = { channel: 'test', conversationId: 'a', userId: 'a' };
  const b: ConversationAddress = { channel: 'test', conversationId: 'b', userId: 'b' };
  for (let i = 0; i < 5; i++) {
    await dq.enqueue(a, { kind: 'progress', text: `a${i}`, idempotencyKey: `a-${i}` });
    await dq.enqueue(b, { kind: 'progress', text: `b${i}`, idempotencyKey: `b-${i}` });
  }
  await channel.waitFor(10, 15_000);
  const texts = channel.texts();
  expect(texts.filter((x) => x.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
  expect(texts.filter((x) => x.startsWith('b'))).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
  const perConv = (id: string) => channel.outbox.map((m, i) => ({ m, t: channel.at[i]! })).filter((x) => x.m.address.conversationId === id).map((x) => x.t);
  expect(maxInOneSecond(perConv('a'))).toBeLessThanOrEqual(2);
  expect(maxInOneSecond(perConv('b'))).toBeLessThanOrEqual(2);
  expect(maxInOneSecond(channel.at)).toBeLessThanOrEqual(3);
  expect(channel.calls).toBe(10);
  await worker.close(true);
  await dq.close();
  redis.disconnect();
}, 30_000);

it('a channel without platform limits is never held back and keeps no rate windows', async () => {
  const redis = createRedis({ url: server.url });
  const channel = new TimedChannel();
  Object.assign(channel.capabilities, { perConversationPerSecond: 0 });
  const registry = new ChannelRegistry();
  registry.register(channel);
  const keys = redisKeys(randomPrefix());
  const dq = new DeliveryQueue(redis, keys, silentLogger);
  const worker = dq.startWorker(registry, async () => {}, 8);
  const a: ConversationAddress = { channel: 'test', conversationId: 'fast', userId: 'fast' };
  for (let i = 0; i < 30; i++) await dq.enqueue(a, { kind: 'progress', text: `m${i}`, idempotencyKey: `fast-${i}` });
  await channel.waitFor(30, 15_000);
  expect(channel.texts()).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
  expect(await redis.keys(`${keys.prefix}:{r:*`)).toEqual([]);
  await worker.close(true);
  await dq.close();
  redis.disconnect();
}, 30_000);
