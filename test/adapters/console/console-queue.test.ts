// Issue 9 item 3: the queue API with 10,000 open cases seeded through the real store and queue index, read over
// real HTTP with a real session: search, filters, sorting, paging with counts (every case exactly once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueListRow } from '../../../adapters/console/console-queue.mapper.js';
import { RedisChangeLog } from '../../../src/changes/change-log.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { AgentClient } from './console-client.js';
import { startWorld, type World } from './console-fixture.js';
import { seedId, seedOpenCases, seedOrder } from './queue-seed.js';

const OPEN = 10_000;
const server = new TestRedis();
let w: World;
let ling: AgentClient;
let mei: AgentClient;

interface Page { rows: QueueListRow[]; total: number; next: string | null }
const queue = (who: AgentClient, query: string) => who.get<Page>(`/console/api/queue?${query}`);

beforeAll(async () => {
  await server.start();
  w = await startWorld(server.url);
  const ms = await seedOpenCases(w.store, w.queueIndex, new RedisChangeLog(w.redis, w.keys), OPEN);
  console.log(`seeded ${OPEN} open cases in ${Math.round(ms)} ms`);
  [ling, mei] = await Promise.all([AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass'), AgentClient.login(w.baseUrl, 's-mei', 'mei-pass')]);
}, 180_000);
afterAll(async () => {
  await w?.close();
  await server.destroy();
});

describe('queue with 10,000 open cases', () => {
  it('pages through every case exactly once, highest priority first, with the total on every page', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    let previous = Number.POSITIVE_INFINITY;
    do {
      const res: { status: number; body: Page } = await queue(ling, `limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(OPEN);
      for (const r of res.body.rows) {
        expect(seen.has(r.id), `${r.id} twice`).toBe(false);
        seen.add(r.id);
        expect(r.priority).toBeLessThanOrEqual(previous);
        previous = r.priority;
      }
      cursor = res.body.next;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen.size).toBe(OPEN);
    expect(pages).toBe(50);
  }, 120_000);

  it.each([['channel=telegram', 5000], ['tier=medium&sort=created&dir=asc', 4000]])('pages a filter (%s) exactly once too', async (filter, expected) => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res: { body: Page } = await queue(ling, `${filter}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.total).toBe(expected);
      for (const r of res.body.rows) seen.add(r.id);
      cursor = res.body.next;
    } while (cursor);
    expect(seen.size).toBe(expected);
  }, 60_000);

  it('each row carries the consumer name and the latest message', async () => {
    const { body } = await queue(ling, 'limit=1');
    // Priority 99 first, and among those the case waiting longest.
    expect(body.rows[0]).toMatchObject({ id: seedId(99), priority: 99, consumerName: 'Consumer 99', last: { from: 'consumer', text: expect.stringContaining('problem number 99:') } });
    expect(body.rows[0]!.why[0]).toMatchObject({ text: expect.not.stringContaining('_'), raw: expect.stringContaining('category') });
  });

  it('search finds a case by complaint number, order number, consumer and text', async () => {
    for (const q of [seedId(4242), seedOrder(4242), 'Consumer 4242', 'c-4242', 'problem number 4242']) {
      const { status, body } = await queue(ling, `q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(body.rows.map((r) => r.id), q).toEqual([seedId(4242)]);
      expect(body.total, q).toBe(1);
    }
    expect((await queue(ling, 'q=nothing-like-this')).body).toMatchObject({ rows: [], total: 0, next: null });
  });

  it('filters by status, tier, category, channel, owner, breached and waiting, with counts', async () => {
    const high = await queue(ling, 'tier=high&limit=5');
    expect(high.body.total).toBe(2000); // priorities 80–99
    expect(high.body.rows.every((r) => r.tier === 'high')).toBe(true);
    expect((await queue(ling, 'channel=telegram&limit=1')).body.total).toBe(5000);
    expect((await queue(ling, 'category=counterfeit&tier=high&limit=1')).body.total).toBeGreaterThan(0);

    // Real operations move cases between the filters through the queue-index side effect.
    const [a, b, c] = [seedId(10), seedId(11), seedId(12)];
    await w.agentOps.claim('a-ling', a);
    await w.agentOps.claim('a-ling', b);
    await w.agentOps.reply('a-ling', b, 'We have asked the courier; news by 6 pm.');
    await w.complaints.mutate(c, (x) => ({ complaint: x, events: [{ at: Date.now(), type: 'sla_breached', actor: { kind: 'system', id: 'sla' }, data: { kind: 'first_response' } }] }));
    const mine = await queue(ling, 'view=mine');
    expect(mine.body.rows.map((r) => r.id).sort()).toEqual([a, b]);
    expect((await queue(mei, 'owner=a-ling')).body.total).toBe(2);
    expect((await queue(ling, 'owner=none&limit=1')).body.total).toBe(OPEN - 2);
    expect((await queue(ling, 'status=claimed')).body.total).toBe(2);
    expect((await queue(ling, 'status=queued&limit=1')).body.total).toBe(OPEN - 2);
    const waiting = await queue(ling, 'waiting=1');
    expect(waiting.body.rows.map((r) => r.id)).toEqual([b]);
    expect(waiting.body.rows[0]!.last).toMatchObject({ from: 'agent', text: 'We have asked the courier; news by 6 pm.' });
    expect((await queue(ling, 'breached=1')).body.rows.map((r) => r.id)).toEqual([c]);

    // A resolved case leaves the open queue.
    await w.agentOps.resolve('a-ling', a, 'Refunded');
    expect((await queue(ling, 'limit=1')).body.total).toBe(OPEN - 1);
    expect((await queue(ling, 'view=mine')).body.rows.map((r) => r.id)).toEqual([b]);
  });

  it('sorts by filing time either way, and by latest activity', async () => {
    expect((await queue(ling, 'sort=created&dir=asc&limit=2')).body.rows.map((r) => r.id)).toEqual([seedId(0), seedId(1)]);
    expect((await queue(ling, 'sort=created&limit=1')).body.rows[0]!.id).toBe(seedId(9999));
    await w.agentOps.claim('a-ling', seedId(500));
    expect((await queue(ling, 'sort=updated&limit=1')).body.rows[0]!.id).toBe(seedId(500));
  });

  it('bad queries get a clear 400', async () => {
    for (const q of ['status=bogus', 'sort=random', 'limit=0', 'cursor=not-a-cursor', 'breached=yes']) {
      const res = await queue(ling, q);
      expect(res.status, q).toBe(400);
      expect(res.body.error?.code, q).toBe('input.invalid');
      expect(res.body.error?.message, q).toBeTruthy();
    }
  });
});
