// Real redis-server, a random key prefix per test (never mocks).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSurgeDetector, createTriage, type SurgeAlert, type TriageInput } from '../../src/triage/index.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';
import { redisKeys } from '../../src/redis/redis-keys.js';

const server = new TestRedis();
let redis: Redis;
let prefix: string;
const sla = { firstResponseMs: 1_800_000, dispatchMs: 7_200_000, mediumPlanMs: 172_800_000, highReportMs: 43_200_000 };
const t0 = Date.parse('2026-11-11T10:00:00Z');
const input = (i: number, over: Partial<TriageInput> = {}): TriageInput => ({
  category: 'late_delivery', texts: ['My parcel is late.'], orderId: `o-${i}`, merchantId: 'm-42', consumerId: `c-${i}`,
  priorComplaints: 0, sameOrderOpen: 0, now: t0 + i * 1000, complaintId: `cmp-${i}`, ...over,
});

beforeAll(async () => {
  await server.start();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.destroy();
});
beforeEach(() => { prefix = randomPrefix(); });

describe('surge detector', () => {
  it('alerts once many complaints about one merchant arrive in the window, and calls back once', async () => {
    const seen: SurgeAlert[] = [];
    const surge = createSurgeDetector(redis, prefix, { levels: { merchant: { alert: 3, group: 5 } }, onAlert: (a) => { seen.push(a); } });
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) counts.push((await surge.record({ ...input(i), productId: null })).filter((a) => a.dimension === 'merchant').length);
    expect(counts).toEqual([0, 0, 1, 1]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ dimension: 'merchant', id: 'm-42', count: 3, group: false });
    expect(await redis.zcard(redisKeys(prefix).surge('merchant', 'm-42'))).toBe(4);
    expect(await redis.pttl(redisKeys(prefix).surge('merchant', 'm-42'))).toBeGreaterThan(0);
  });

  it('past the group threshold marks a group complaint in triage (high tier)', async () => {
    const surge = createSurgeDetector(redis, prefix, { levels: { product: { alert: 2, group: 3 } } });
    const triage = createTriage({ sla, surge });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await triage.triage(input(i, { productId: 'sku-9', merchantId: `m-${i}` })));
    expect(results[0]!.groupComplaint).toBe(false);
    expect(results[1]!.surgeAlerts?.[0]).toMatchObject({ dimension: 'product', group: false });
    expect(results[2]!.groupComplaint).toBe(true);
    expect(results[2]!.tier).toBe('high');
    expect(results[2]!.reasons.join('\n')).toMatch(/surge: 3 complaints about product sku-9.*group complaint/);
  });

  it('forgets complaints older than the window', async () => {
    const surge = createSurgeDetector(redis, prefix, { windowMs: 10_000, levels: { merchant: { alert: 2, group: 99 } } });
    await surge.record({ ...input(0), now: t0 });
    expect(await surge.record({ ...input(1), now: t0 + 60_000 })).toEqual([]);
    expect((await surge.record({ ...input(2), now: t0 + 61_000 })).map((a) => a.dimension)).toContain('merchant');
  });

  it('counts a re-triaged complaint once', async () => {
    const surge = createSurgeDetector(redis, prefix, { levels: { merchant: { alert: 2, group: 99 } } });
    await surge.record(input(1));
    expect(await surge.record(input(1))).toEqual([]);
  });

  it('a burst about one courier alerts once per window and becomes a group complaint; complaints without a courier do not count', async () => {
    const seen: SurgeAlert[] = [];
    const surge = createSurgeDetector(redis, prefix, { levels: { courier: { alert: 3, group: 5 } }, onAlert: (a) => { seen.push(a); } });
    const triage = createTriage({ sla, surge });
    // Each complaint about another merchant and product, so only the courier links them.
    const viaCourier = (i: number, courier: string | null): TriageInput => input(i, {
      merchantId: `m-${i}`, productId: `sku-${i}`,
      order: { orderId: `o-${i}`, merchant: { id: `m-${i}`, name: 'Shop' }, items: [], amount: 10, currency: 'CNY', orderedAt: '2026-11-10T09:00:00Z', delivery: { status: 'in_transit', courier } },
    });
    // Complaints without a courier (none named, blank) in between: they count for no courier.
    const results = [];
    // One courier however the platform spells it (courier-key.ts): all six count together, under one key.
    const spellings = ['SF Express', 'sf-express', ' SF EXPRESS ', '顺丰', '順豐速運', 'S.F. Express'];
    for (let i = 0; i < 6; i++) {
      results.push(await triage.triage(viaCourier(i, spellings[i]!)));
      await triage.triage(viaCourier(100 + i, i % 2 ? null : '  '));
    }
    const courierAlerts = results.map((r) => r.surgeAlerts?.find((a) => a.dimension === 'courier'));
    expect(courierAlerts.map((a) => a?.count ?? 0)).toEqual([0, 0, 3, 4, 5, 6]);
    expect(results.map((r) => r.groupComplaint)).toEqual([false, false, false, false, true, true]);
    expect(results[4]!.tier).toBe('high');
    expect(results[2]!.reasons).toContain('surge: 3 complaints about courier sfexpress within 60 min');
    expect(results[4]!.reasons).toContain('surge: 5 complaints about courier sfexpress within 60 min → group complaint, high tier');
    // The supervisors hear once per level and window, not once per complaint.
    expect(seen.filter((a) => a.dimension === 'courier').map((a) => [a.count, a.group])).toEqual([[3, false], [5, true]]);
    expect(await redis.zcard(redisKeys(prefix).surge('courier', 'sfexpress'))).toBe(6);
    expect(await redis.keys(`${prefix}:{s:courier:*`)).toEqual(expect.arrayContaining([redisKeys(prefix).surge('courier', 'sfexpress')]));
    expect((await redis.keys(`${prefix}:{s:courier:*}:surge`)).length).toBe(1);
  });

  it('triage still answers when Redis is down', async () => {
    const dead = new Redis({ port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    dead.on('error', () => {});
    const triage = createTriage({ sla, surge: createSurgeDetector(dead, prefix) });
    const r = await triage.triage(input(0));
    expect(r.reasons.join('\n')).toMatch(/surge check unavailable/);
    dead.disconnect();
  });
});
