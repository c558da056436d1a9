// The per-case event queue in Redis: idempotent enqueue (a change re-run by the change log sends nothing twice),
// head-first order, and every key of one case's queue in its complaint shard's slot (one script touches them).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintChangeNotice } from '../../src/complaints/complaint-events.js';
import { caseEventsOf } from '../../src/events/case-events.js';
import { RedisEventOutbox } from '../../src/events/event-outbox.js';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';

const redis = new TestRedis();
let client: Redis;

beforeAll(async () => { await redis.start(); client = new Redis(redis.url); });
afterAll(async () => { client.disconnect(); await redis.destroy(); });

function notice(id: string, version: number, types: Array<{ type: string; to?: string }>): ComplaintChangeNotice {
  return {
    complaint: { id, version, status: 'claimed', category: 'late_delivery', orderId: 'O-1', merchantId: null, triage: { tier: 'low', priority: 30 } },
    previous: null,
    events: types.map((t) => ({ at: 1_800_000_000_000, type: t.type, actor: { kind: 'system', id: 't' }, ...(t.to ? { data: { to: t.to } } : {}) })),
  } as unknown as ComplaintChangeNotice;
}

describe('event outbox', () => {
  it('maps a change to its events with stable ids; resolved follows its status change', () => {
    const events = caseEventsOf(notice('RD-1', 4, [{ type: 'proposal_accepted' }, { type: 'status_changed', to: 'resolved' }, { type: 'sla_met' }]));
    expect(events.map((e) => [e.event.id, e.event.type])).toEqual([
      ['RD-1:4:0', 'complaint.proposal_accepted'], ['RD-1:4:1', 'complaint.status_changed'], ['RD-1:4:2', 'complaint.resolved'],
    ]);
    expect(caseEventsOf(notice('RD-1', 4, [{ type: 'proposal_accepted' }, { type: 'status_changed', to: 'resolved' }]))).toEqual(events.slice(0, 3));
  });

  it('enqueues once: a re-run change adds nothing, before or after delivery; the head is the oldest', async () => {
    const keys = redisKeys(randomPrefix());
    const outbox = new RedisEventOutbox(client, keys);
    const v1 = caseEventsOf(notice('RD-2', 1, [{ type: 'created' }, { type: 'status_changed', to: 'queued' }]));
    const v2 = caseEventsOf(notice('RD-2', 2, [{ type: 'claimed' }]));
    expect(await outbox.enqueue('RD-2', v1, 1)).toBe(2);
    expect(await outbox.enqueue('RD-2', v2, 1)).toBe(1);
    expect(await outbox.enqueue('RD-2', v1, 1)).toBe(0);
    expect(await outbox.claimDue(2, 10_000, 10)).toEqual(['RD-2']);
    expect(await outbox.claimDue(3, 10_000, 10)).toEqual([]);
    const head = await outbox.head('RD-2', 10_000);
    expect(head?.event.id).toBe('RD-2:1:0');
    await outbox.done('RD-2', head!.event.id, head!.seq);
    // Delivered: the high-water mark keeps a re-run of version 1 from queueing it again.
    expect(await outbox.enqueue('RD-2', v1, 5)).toBe(0);
    expect((await outbox.head('RD-2', 10_000))?.event.id).toBe('RD-2:1:1');
  });

  it('a case\'s queue, bodies, mark, and its shard\'s due set and tries share one hash tag', () => {
    const k = redisKeys('redress');
    const id = 'RD-20261201-0042';
    const n = k.shardOf(id);
    const tags = [k.events.queue(id), k.events.bodies(id), k.events.sent(id), k.events.due(n), k.events.tries(n), k.complaint(id)].map((key) => /\{([^}]+)\}/.exec(key)![1]);
    expect(new Set(tags)).toEqual(new Set([`c${n}`]));
  });
});
