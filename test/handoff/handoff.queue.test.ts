import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HandoffQueue, queuePriority } from '../../src/handoff/handoff.queue.js';
import { silentLogger } from '../../src/logging/logger.js';
import { TestRedis } from '../helpers/redis-server.js';
import { RecordingWorkspace, address, createCore, draft, eventually, type Core } from '../complaints/core-fixture.js';

const server = new TestRedis();
let core: Core;
let handoff: HandoffQueue;

beforeAll(() => server.start());
afterAll(() => server.destroy());
beforeEach(async () => {
  core = await createCore(server.url);
  handoff = new HandoffQueue(core.redis, core.prefix, silentLogger);
});
afterEach(async () => {
  await handoff.close();
  await core.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('queuePriority', () => {
  it('maps triage 100 → 1 (first) and 0 → 101, clamped', () => {
    expect(queuePriority(100)).toBe(1);
    expect(queuePriority(0)).toBe(101);
    expect(queuePriority(150)).toBe(1);
    expect(queuePriority(-5)).toBe(101);
    expect(queuePriority(60)).toBeLessThan(queuePriority(40));
  });
});

describe('handoff', () => {
  it('announces queued cases highest priority first', async () => {
    const low = (await core.service.submit(address('a'), 'c-a', draft({ orderId: 'O-A', category: 'other', texts: ['A question about my order.'] }))).complaint;
    const high = (await core.service.submit(address('b'), 'c-b', draft({ orderId: 'O-B', category: 'counterfeit', texts: ['These are fakes, I will go to the press!'] }))).complaint;
    const mid = (await core.service.submit(address('c'), 'c-c', draft({ orderId: 'O-C', category: 'quality_defect', texts: ['The kettle stopped working.'] }))).complaint;
    const byPriority = [low, high, mid].sort((x, y) => y.triage.priority - x.triage.priority);
    expect(new Set([low, high, mid].map((c) => c.triage.priority)).size).toBe(3);
    expect(byPriority.map((c) => c.id)).toEqual([high.id, mid.id, low.id]);
    for (const c of [low, high, mid]) await handoff.enqueue(c); // enqueued lowest first
    const ws = new RecordingWorkspace();
    handoff.startWorker(core.store, () => [ws], 1);
    await eventually(() => ws.announced.length === 3, 10_000, 'three announcements');
    expect(ws.announced.map((c) => c.id)).toEqual([high.id, mid.id, low.id]);
  });

  it('announces to every workspace, with the case as stored', async () => {
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    await handoff.enqueue(complaint);
    const a = new RecordingWorkspace();
    const b = new RecordingWorkspace();
    handoff.startWorker(core.store, () => [a, b], 1);
    await eventually(() => a.announced.length && b.announced.length, 10_000, 'announcements');
    expect(a.announced[0]).toEqual(await core.store.get(complaint.id));
    expect(b.announced[0]?.id).toBe(complaint.id);
  });

  it('skips cases that were cancelled or closed before their turn', async () => {
    const cancelled = (await core.service.submit(address('a'), 'c-a', draft({ orderId: 'O-A' }))).complaint;
    const open = (await core.service.submit(address('b'), 'c-b', draft({ orderId: 'O-B' }))).complaint;
    const closed = (await core.service.submit(address('c'), 'c-c', draft({ orderId: 'O-C' }))).complaint;
    await handoff.enqueue(cancelled);
    await handoff.enqueue(closed);
    await handoff.enqueue(open);
    await core.service.cancel('c-a', cancelled.id);
    await core.ops.claim('a-ling', closed.id);
    await core.ops.resolve('a-ling', closed.id, 'refunded');
    await core.service.rate('c-c', closed.id, 5);
    const ws = new RecordingWorkspace();
    handoff.startWorker(core.store, () => [ws], 1);
    await eventually(() => ws.announced.length === 1, 10_000, 'one announcement');
    await sleep(300);
    expect(ws.announced.map((c) => c.id)).toEqual([open.id]);
    expect(await handoff.queue.getCompletedCount()).toBe(3);
  });

  it('enqueueing one version twice announces once; a new version (released case) again', async () => {
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    await handoff.enqueue(complaint);
    await handoff.enqueue(complaint);
    const ws = new RecordingWorkspace();
    handoff.startWorker(core.store, () => [ws], 1);
    await eventually(() => ws.announced.length === 1, 10_000, 'announcement');
    await core.ops.claim('a-ling', complaint.id);
    const released = await core.ops.release('a-ling', complaint.id);
    await handoff.enqueue(released);
    await eventually(() => ws.announced.length === 2, 10_000, 'second announcement');
    await sleep(200);
    expect(ws.announced.map((c) => c.status)).toEqual(['queued', 'queued']);
  });
});
