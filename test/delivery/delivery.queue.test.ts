import type { Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelRegistry } from '../../src/channels/channel.port.js';
import { DeliveryQueue, type DeliveryJob } from '../../src/delivery/delivery.queue.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { OutboundMessage } from '../../src/messages/message.types.js';
import { jobId } from '../../src/queues/queue-names.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { redisKeys, type RedisKeys } from '../../src/redis/redis-keys.js';
import { TestRedis, randomPrefix } from '../helpers/redis-server.js';
import { TestChannel } from '../helpers/test-channel.js';
import { address, createCore, draft, eventually } from '../complaints/core-fixture.js';

const server = new TestRedis();
let keys: RedisKeys;
let channel: TestChannel;
let registry: ChannelRegistry;
let failures: Array<{ job: DeliveryJob; error: string }>;
const opened: Array<{ redis: RedisClient; dq: DeliveryQueue; worker?: Worker<DeliveryJob> }> = [];

beforeAll(() => server.start());
afterAll(() => server.destroy());
beforeEach(() => {
  keys = redisKeys(randomPrefix());
  channel = new TestChannel();
  registry = new ChannelRegistry();
  registry.register(channel);
  failures = [];
});
afterEach(async () => {
  for (const { redis, dq, worker } of opened.splice(0)) {
    // Forced: after a Redis crash a graceful Worker.close() can wait forever on BullMQ's fetch loop.
    await worker?.close(true);
    await dq.close();
    redis.disconnect();
  }
});

/** One "process": its own connection, queue and (optionally) worker. */
function proc(withWorker = true): DeliveryQueue {
  const redis = createRedis({ url: server.url });
  redis.on('error', () => {});
  const dq = new DeliveryQueue(redis, keys, silentLogger);
  dq.queue.on('error', () => {});
  // Short locks so a job orphaned in active by a Redis crash is recovered within the test's patience.
  const worker = withWorker
    ? dq.startWorker(registry, async (job, error) => { failures.push({ job, error }); }, 8, { lockDurationMs: 1_000, stalledIntervalMs: 500 })
    : undefined;
  opened.push({ redis, dq, worker });
  return dq;
}

const msg = (key: string, text = key): OutboundMessage & { idempotencyKey: string } => ({ kind: 'progress', text, idempotencyKey: key });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('delivery', () => {
  it('delivers a message once, to the addressed conversation', async () => {
    const dq = proc();
    await dq.enqueue(address('c1'), msg('RD-1-2-0', 'hello'));
    await channel.waitFor(1);
    await sleep(300);
    expect(channel.outbox).toEqual([{ address: address('c1'), message: msg('RD-1-2-0', 'hello') }]);
    expect(channel.calls).toBe(1);
    expect(await (await dq.queue.getJob(jobId('d', 'RD-1-2-0')))?.getState()).toBe('completed');
  });

  it('retries a channel that fails twice, then delivers exactly once', async () => {
    channel.failNext(2, 'transient');
    const dq = proc();
    await dq.enqueue(address(), msg('k1'));
    await channel.waitFor(1, 15_000);
    await sleep(300);
    expect(channel.calls).toBe(3);
    expect(channel.texts()).toEqual(['k1']);
    expect(failures).toEqual([]);
    await eventually(async () => (await dq.queue.getJob(jobId('d', 'k1')))?.isCompleted(), 5_000, 'k1 completed');
    expect((await dq.queue.getJob(jobId('d', 'k1')))?.attemptsMade).toBe(3); // bullmq 6 counts the successful run too
  });

  it('the same idempotency key enqueued again does not send twice, nor hold up the conversation', async () => {
    const dq = proc();
    await dq.enqueue(address(), msg('k1'));
    await channel.waitFor(1);
    // a listener re-run (e.g. after a transient error) enqueues the same message again
    await dq.enqueue(address(), msg('k1'));
    const t0 = Date.now();
    await dq.enqueue(address(), msg('k2'));
    await channel.waitFor(2, 4_000);
    expect(Date.now() - t0).toBeLessThan(4_000);
    await sleep(300);
    expect(channel.texts()).toEqual(['k1', 'k2']);
    expect(channel.calls).toBe(2);
  });

  it('a job run again after its send succeeded (only the done marker left) does not send twice', async () => {
    const dq = proc();
    await dq.enqueue(address(), msg('k1'));
    await channel.waitFor(1);
    // a crash between send and completion: the job runs again although the message went out
    await eventually(async () => (await dq.queue.getJob(jobId('d', 'k1')))?.isCompleted(), 5_000, 'k1 completed');
    await (await dq.queue.getJob(jobId('d', 'k1')))?.remove();
    await dq.enqueue(address(), msg('k1'));
    await eventually(async () => (await dq.queue.getJob(jobId('d', 'k1')))?.isCompleted(), 5_000, 'k1 completed again');
    expect(channel.calls).toBe(1);
    await dq.enqueue(address(), msg('k2'));
    await channel.waitFor(2, 4_000);
    expect(channel.texts()).toEqual(['k1', 'k2']);
  });

  it('a permanent failure calls the final-failure hook once and does not block the next message', async () => {
    channel.failNext(1, 'permanent');
    const dq = proc();
    await dq.enqueue(address(), { ...msg('k1'), complaintId: 'RD-20261124-0001' });
    await dq.enqueue(address(), msg('k2'));
    await channel.waitFor(1);
    await eventually(() => failures.length > 0, 5_000, 'failure hook');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.job.message).toMatchObject({ idempotencyKey: 'k1', complaintId: 'RD-20261124-0001' });
    expect(failures[0]?.job.address).toEqual(address());
    expect(failures[0]?.error).toContain('chat is gone');
    expect(channel.calls).toBe(2);
    expect(channel.texts()).toEqual(['k2']);
    expect(await (await dq.queue.getJob(jobId('d', 'k1')))?.getState()).toBe('failed');
  });

  it('a channel that is not enabled fails at once into the hook', async () => {
    const dq = proc();
    await dq.enqueue({ ...address(), channel: 'fax' }, msg('k1'));
    await eventually(() => failures.length > 0, 5_000, 'failure hook');
    expect(failures[0]?.error).toContain('fax');
  });

  it('retryAfterMs waits without spending attempts', async () => {
    channel.failNext(10, { retryAfterMs: 60 }); // more than the 8 attempts a job has
    const dq = proc();
    const t0 = Date.now();
    await dq.enqueue(address(), msg('k1'));
    await channel.waitFor(1, 10_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(10 * 60);
    expect(channel.calls).toBe(11);
    expect(failures).toEqual([]);
    await eventually(async () => (await dq.queue.getJob(jobId('d', 'k1')))?.isCompleted(), 5_000, 'k1 completed');
    expect((await dq.queue.getJob(jobId('d', 'k1')))?.attemptsMade).toBe(1); // only the run that sent
  });
});

describe('order per conversation', () => {
  it('holds across two processes, with the first message failing once', async () => {
    channel.failNext(1, 'transient');
    const a = proc();
    const b = proc();
    const keysInOrder = Array.from({ length: 6 }, (_, i) => `m${i}`);
    for (const [i, k] of keysInOrder.entries()) await (i % 2 ? b : a).enqueue(address('chat'), msg(k));
    await a.enqueue(address('other'), msg('x0'));
    await channel.waitFor(7, 15_000);
    const inChat = channel.outbox.filter((m) => m.address.conversationId === 'chat').map((m) => m.message.text);
    expect(inChat).toEqual(keysInOrder);
    // another conversation is not held up by the failing one
    expect(channel.texts().indexOf('x0')).toBeLessThan(channel.texts().indexOf('m0'));
    expect(channel.calls).toBe(8);
  });
});

describe('Redis going away', () => {
  // Repeated: Redis may die before, during or after the worker's fetch of the job (the reply lost, the job
  // left in active with nobody working on it); each of those must still end in exactly one delivery.
  it.each([1, 2, 3, 4, 5])('a delivery enqueued right before Redis stops is delivered once it restarts a second later (%i)', async () => {
    const dq = proc();
    await dq.enqueue(address(), msg('k1'));
    await server.stop();
    await sleep(1000);
    await server.start();
    await channel.waitFor(1, 10_000);
    await sleep(300);
    expect(channel.texts()).toEqual(['k1']);
    expect(failures).toEqual([]);
  });

  it('a delivery waiting in Redis (delayed by the platform) survives a Redis restart', async () => {
    channel.failNext(1, { retryAfterMs: 300 });
    const dq = proc();
    await dq.enqueue(address(), msg('k1'));
    await eventually(() => channel.calls === 1, 5_000, 'first attempt');
    await server.stop();
    await sleep(1000);
    expect(channel.outbox).toHaveLength(0);
    await server.start();
    await channel.waitFor(1, 15_000);
    await sleep(300);
    expect(channel.texts()).toEqual(['k1']);
    expect(channel.calls).toBe(2);
  });

  it('a worker that starts while Redis is down delivers once it is back', async () => {
    const dq = proc(false);
    await dq.enqueue(address(), msg('k1'));
    await server.stop();
    proc(); // a worker process starting while Redis is down
    await sleep(1000);
    expect(channel.outbox).toHaveLength(0);
    await server.start();
    await channel.waitFor(1, 15_000);
    await sleep(300);
    expect(channel.texts()).toEqual(['k1']);
  });

  it('a message enqueued while Redis is down is delivered after restart', async () => {
    const dq = proc();
    await sleep(200); // the worker is waiting for jobs
    await server.stop();
    const enqueued = dq.enqueue(address(), msg('k1')); // queued in the client while Redis is down
    await sleep(1000);
    await server.start();
    await enqueued;
    await channel.waitFor(1, 15_000);
    await sleep(300);
    expect(channel.texts()).toEqual(['k1']);
  });

  it('a submit issued while Redis is down completes after restart with its whole timeline', async () => {
    const core = await createCore(server.url);
    try {
      await core.redis.ping();
      await server.stop();
      const submitted = core.service.submit(address(), 'c-1', draft());
      await sleep(1000);
      await server.start();
      const { complaint } = await submitted;
      expect((await core.store.timeline(complaint.id)).map((e) => e.type)).toEqual(['created', 'triaged', 'status_changed']);
      expect((await core.store.listOpen()).map((c) => c.id)).toEqual([complaint.id]);
      expect(await core.store.get(complaint.id)).toEqual(complaint);
    } finally {
      await core.close();
    }
  });
});
