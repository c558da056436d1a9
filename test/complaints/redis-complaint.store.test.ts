import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintStatus, TimelineEvent } from '../../src/complaints/complaint.types.js';
import { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { redisKeys, type RedisKeys } from '../../src/redis/redis-keys.js';
import { TestRedis, randomPrefix } from '../helpers/redis-server.js';
import { address, draft, expectCode } from './core-fixture.js';

const server = new TestRedis();
let redis: RedisClient;
let keys: RedisKeys;
let store: RedisComplaintStore;
const now = Date.parse('2026-11-24T09:30:00Z');

beforeAll(async () => {
  await server.start();
  redis = createRedis({ url: server.url });
});
afterAll(async () => {
  redis.disconnect();
  await server.destroy();
});
beforeEach(() => {
  keys = redisKeys(randomPrefix());
  store = new RedisComplaintStore(redis, keys);
});
afterEach(async () => {
  const left = await redis.keys(`${keys.prefix}*`);
  if (left.length) await redis.del(...left);
});

function complaint(id: string, over: Partial<Complaint> = {}, priority = 50): Complaint {
  return {
    ...draft({ orderId: `ORD-${id}` }), id, version: 1, status: 'queued', consumerId: 'c-1', address: address(),
    triage: { category: 'late_delivery', tier: 'low', priority, deadlines: [], reasons: ['test'], emotion: { anger: { flagged: false, intensity: 0 }, anxiety: { flagged: false, intensity: 0 }, cues: [] } },
    assigneeId: null, proposal: null, rating: null, slaMet: {}, createdAt: now, updatedAt: now, ...over,
  };
}

const ev = (type: TimelineEvent['type'], n: number): TimelineEvent => ({ at: now + n, type, actor: { kind: 'system', id: 'test' }, data: { n } });

function move(store: RedisComplaintStore, id: string, to: ComplaintStatus, n: number) {
  return store.update(id, (c) => ({ complaint: { ...c, status: to }, events: [ev('status_changed', n)] }));
}

describe('complaint numbers', () => {
  it('are RD-YYYYMMDD-NNNN, unique and gap-free under 200 concurrent calls', async () => {
    const numbers = await Promise.all(Array.from({ length: 200 }, () => store.nextNumber(now)));
    for (const n of numbers) expect(n).toMatch(/^RD-20261124-\d{4}$/);
    expect(new Set(numbers).size).toBe(200);
    const counters = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('create never overwrites a case: a counter that moved backwards (failover) gets the next free number', async () => {
    const { complaint: first } = await store.create(complaint(await store.nextNumber(now)), [ev('created', 0)]);
    const { complaint: second } = await store.create(complaint(await store.nextNumber(now), { consumerId: 'c-2' }), [ev('created', 1)]);
    await redis.set(keys.seq('20261124'), '0');
    const { complaint: again, fresh } = await store.create(complaint(await store.nextNumber(now), { consumerId: 'c-3' }), [ev('created', 2)]);
    expect(fresh).toBe(true);
    expect([first.id, second.id, again.id]).toEqual(['RD-20261124-0001', 'RD-20261124-0002', 'RD-20261124-0003']);
    expect((await store.get(first.id))?.consumerId).toBe('c-1');
    expect(await store.timeline(first.id)).toEqual([ev('created', 0)]);
    expect((await store.get(again.id))?.consumerId).toBe('c-3');
    expect(await store.listByConsumer('c-3')).toEqual([again]);
  });

  it('create of a draft already written (a script resent after a reconnect) returns that case, writing nothing', async () => {
    const { complaint: first } = await store.create(complaint('RD-20261124-0001'), [ev('created', 0)], 'draft-1');
    const resent = await store.create(complaint('RD-20261124-0002', { consumerId: 'c-1' }), [ev('created', 1)], 'draft-1');
    expect(resent).toEqual({ complaint: first, fresh: false });
    expect(await store.get('RD-20261124-0002')).toBeNull();
    expect(await store.findSubmission('c-1', 'draft-1')).toEqual({ id: first.id, attached: false });
    const { complaint: replaced } = await store.create(complaint('RD-20261124-0003'), [], 'draft-1', { id: first.id, attached: false });
    expect(replaced.id).toBe('RD-20261124-0003');
  });

  it('the submission marker reaches Redis before the case, and names the number the case finally got', async () => {
    const seen: string[] = [];
    const monitor = await (redis as import('ioredis').Redis).monitor();
    monitor.on('monitor', (_t: string, args: string[]) => { if (args.some((a) => a.startsWith(keys.prefix))) seen.push(String(args[0]).toLowerCase()); });
    try {
      await store.create(complaint('RD-20261124-0007'), [ev('created', 0)], 'draft-9', null);
      await redis.set(keys.seq('20261124'), '6');
      // The number is taken now: the store files under the next one and its marker follows.
      const { complaint: next } = await store.create(complaint('RD-20261124-0007', { consumerId: 'c-2' }), [ev('created', 1)], 'draft-10', null);
      expect(next.id).toBe('RD-20261124-0008');
      expect(await store.findSubmission('c-2', 'draft-10')).toEqual({ id: next.id, attached: false });
    } finally {
      monitor.disconnect();
    }
    const firstWrite = seen.findIndex((c) => c === 'set' || c === 'evalsha' || c === 'eval');
    expect(seen[firstWrite]).toBe('set');
    expect(seen.slice(firstWrite, firstWrite + 2)).toEqual(['set', 'evalsha']);
  });

  it('on one node the create script writes the indexes with the case: nothing after it, and a taken number indexes nothing', async () => {
    await store.create(complaint('RD-20261124-0001', { merchantId: 'm-1' }), [ev('created', 0)]);
    const seen: string[] = [];
    const monitor = await (redis as import('ioredis').Redis).monitor();
    // Commands a script runs show as from `lua`: only what the store itself sends counts.
    monitor.on('monitor', (_t: string, args: string[], source: string) => { if (source !== 'lua' && args.some((a) => a.startsWith(keys.prefix))) seen.push(String(args[0]).toLowerCase()); });
    let second: Complaint;
    try {
      // 0001 is taken by c-1: c-2's case lands on 0002, and only 0002 may be in c-2's, its order's and the merchant's indexes.
      await redis.set(keys.seq('20261124'), '1');
      ({ complaint: second } = await store.create(complaint('RD-20261124-0001', { consumerId: 'c-2', orderId: 'ORD-X', merchantId: 'm-1' }), [ev('created', 1)], 'draft-2', null));
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      monitor.disconnect();
    }
    expect(second.id).toBe('RD-20261124-0002');
    expect(seen.filter((c) => c === 'zadd' || c === 'sadd')).toEqual([]);
    expect(await redis.zrange(keys.byConsumer('c-2'), '0', '-1')).toEqual(['RD-20261124-0002']);
    expect(await redis.smembers(keys.byOrder('ORD-X'))).toEqual(['RD-20261124-0002']);
    expect(await redis.zrange(keys.byMerchant('m-1'), '0', '-1')).toEqual(['RD-20261124-0001', 'RD-20261124-0002']);
    expect(await redis.zrange(keys.created('20261124'), '0', '-1')).toEqual(['RD-20261124-0001', 'RD-20261124-0002']);
    expect(await redis.zrange(keys.createdDays(), '0', '-1')).toEqual(['20261124']);
    expect(await store.listByConsumer('c-1')).toHaveLength(1);
  });

  it('start again from 0001 on the next (UTC) day', async () => {
    await store.nextNumber(now);
    expect(await store.nextNumber(now + 86_400_000)).toBe('RD-20261125-0001');
  });
});

describe('timeline', () => {
  it('is append-only and in order across create, update and appendEvent', async () => {
    await store.create(complaint('A'), [ev('created', 1), ev('triaged', 2)]);
    await move(store, 'A', 'claimed', 3);
    await store.appendEvent('A', ev('delivery_failed', 4));
    await store.update('A', (c) => ({ complaint: c, events: [ev('agent_reply', 5), ev('internal_note', 6)] }));
    const t = await store.timeline('A');
    expect(t.map((e) => e.type)).toEqual(['created', 'triaged', 'status_changed', 'delivery_failed', 'agent_reply', 'internal_note']);
    expect(t.map((e) => e.data?.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps every event of concurrent updates, and bumps version once per write', async () => {
    await store.create(complaint('B'), [ev('created', 0)]);
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.update('B', (c) => ({ complaint: c, events: [ev('consumer_message', i + 1)] }))));
    const t = await store.timeline('B');
    expect(t).toHaveLength(31);
    expect(new Set(t.map((e) => e.data?.n)).size).toBe(31);
    expect((await store.require('B')).version).toBe(31);
  });

  it('an update that throws writes nothing', async () => {
    await store.create(complaint('C'), [ev('created', 0)]);
    await expect(store.update('C', () => { throw new Error('nope'); })).rejects.toThrow('nope');
    expect(await store.timeline('C')).toHaveLength(1);
    expect((await store.require('C')).version).toBe(1);
  });

  it('unknown ids are complaint.not_found', async () => {
    await expectCode(store.require('RD-20990101-0001'), 'complaint.not_found');
    await expectCode(store.update('RD-20990101-0001', (c) => ({ complaint: c, events: [] })), 'complaint.not_found');
  });
});

describe('indexes', () => {
  async function statusSets(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const s of ['queued', 'claimed', 'investigating', 'resolution_proposed', 'resolved', 'closed', 'reopened', 'cancelled']) {
      const m = (await Promise.all(keys.shards().map((n) => redis.smembers(keys.byStatus(s, n))))).flat().sort();
      if (m.length) out[s] = m;
    }
    return out;
  }

  async function openIds(): Promise<string[]> {
    return (await Promise.all(keys.shards().map((n) => redis.zrangebyscore(keys.open(n), '-inf', '+inf')))).flat().sort();
  }

  it('status sets and the open zset follow every transition', async () => {
    await store.create(complaint('A', { consumerId: 'c-1' }, 10), []);
    await store.create(complaint('B', { consumerId: 'c-1' }, 20), []);
    expect(await statusSets()).toEqual({ queued: ['A', 'B'] });

    await move(store, 'A', 'claimed', 1);
    expect(await statusSets()).toEqual({ queued: ['B'], claimed: ['A'] });
    await move(store, 'A', 'resolved', 2);
    expect(await statusSets()).toEqual({ queued: ['B'], resolved: ['A'] });
    expect(await openIds()).toEqual(['B']);

    await move(store, 'A', 'reopened', 3);
    expect(await statusSets()).toEqual({ queued: ['B'], reopened: ['A'] });
    expect(await redis.zscore(keys.open(keys.shardOf('A')), 'A')).toBe('10');

    await move(store, 'B', 'cancelled', 4);
    expect(await statusSets()).toEqual({ reopened: ['A'], cancelled: ['B'] });
    expect((await store.listByStatus('cancelled')).map((c) => c.id)).toEqual(['B']);
    expect(await openIds()).toEqual(['A']);

    // consumer and order indexes hold every case whatever its status
    expect((await store.listByConsumer('c-1')).map((c) => c.id).sort()).toEqual(['A', 'B']);
    expect((await store.listByOrder('ORD-B')).map((c) => c.status)).toEqual(['cancelled']);
  });

  it('listOpen orders by priority, highest first, and follows priority changes', async () => {
    await store.create(complaint('low', {}, 10), []);
    await store.create(complaint('high', {}, 90), []);
    await store.create(complaint('mid', {}, 50), []);
    await store.create(complaint('done', { status: 'closed' }, 100), []);
    expect((await store.listOpen()).map((c) => c.id)).toEqual(['high', 'mid', 'low']);
    await store.update('low', (c) => ({ complaint: { ...c, triage: { ...c.triage, priority: 95 } }, events: [] }));
    expect((await store.listOpen()).map((c) => c.id)).toEqual(['low', 'high', 'mid']);
    expect((await store.listOpen(2)).map((c) => c.id)).toEqual(['low', 'high']);
  });

  it('listByConsumer is newest first; merchant index is written', async () => {
    await store.create(complaint('old', { createdAt: now - 1000, merchantId: 'm-1' }), []);
    await store.create(complaint('new', { createdAt: now }), []);
    expect((await store.listByConsumer('c-1')).map((c) => c.id)).toEqual(['new', 'old']);
    expect(await redis.zrangebyscore(keys.byMerchant('m-1'), '-inf', '+inf')).toEqual(['old']);
  });
});
