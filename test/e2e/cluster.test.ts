/**
 * Redress on a real Redis Cluster (3 masters + 3 replicas spawned here): the whole journey works; keys spread so
 * that no master serves more than half of the commands of a mixed load; and kill -9 of a master under a paced load
 * loses no confirmed complaint while ioredis retries the commands caught in the switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/redis-cluster.js';
import type { Cluster } from 'ioredis';
import { clusterSlot } from '../../src/redis/cluster-slot.js';
import { consumer, eventually, fileComplaint, startTestApp, walkToSummary, type TestApp } from '../helpers/test-app.js';

const cluster = new TestCluster();
let t: TestApp;

beforeAll(async () => {
  await cluster.start();
  t = await startTestApp('redis://127.0.0.1:1', { REDIS_CLUSTER_NODES: cluster.nodeList, REDIS_AUTOSTART: 'false' });
  await t.app.core.agents.upsert({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 });
}, 60_000);
afterAll(async () => {
  await t?.app.close();
  await cluster.destroy();
});

/** One consumer files, an agent claims and replies, and the consumer gets both: the mixed load of one case. */
async function oneCase(n: number): Promise<string> {
  const c = consumer(t, `load${n}-${Date.now()}`);
  const id = await fileComplaint(c, 'refund', `A${String(10_000_000 + n)}`);
  await t.app.core.agentOps.claim('a-ling', id);
  await t.app.core.agentOps.reply('a-ling', id, `About case ${n}: we are on it.`);
  await eventually(() => c.messages().some((m) => m.message.kind === 'agent_reply'), `the reply of case ${n}`, 20_000);
  return id;
}

describe('Redis Cluster', () => {
  it('the whole journey: intake → claim → reply → propose → accept → rating', async () => {
    const c = consumer(t);
    const id = await fileComplaint(c);
    await eventually(() => t.workspace.announced.some((x) => x.id === id), 'the case announced');
    const before = c.messages().length;
    await t.app.core.agentOps.claim('a-ling', id);
    await t.app.core.agentOps.reply('a-ling', id, 'So sorry! Could you confirm the delivery address?');
    await t.app.core.agentOps.propose('a-ling', id, { text: 'Full refund', resolution: 'refund', amount: 120 });
    await eventually(() => c.messages().length >= before + 3, 'claim notice, reply and proposal');
    expect(c.messages().slice(before).map((m) => m.message.kind)).toEqual(['progress', 'agent_reply', 'progress']);
    await c.press(`accept:${id}`);
    await eventually(() => c.messages().some((m) => m.message.expects === 'rating'), 'the rating prompt');
    await c.press(`rate:${id}:5`);
    await c.say('Quick and kind, thanks');
    const done = await t.app.core.store.require(id);
    expect(done.status).toBe('closed');
    expect(done.rating).toMatchObject({ score: 5 });
    expect((await t.app.core.store.listByConsumer(c.consumerId)).map((x) => x.id)).toEqual([id]);
    expect((await t.app.core.store.listCreatedBetween(Date.now() - 60_000, Date.now() + 1)).map((x) => x.id)).toContain(id);
    await eventually(async () => (await t.app.core.changeLog.pending()) === 0, 'the change log drained');
  });

  it('computes slots as the server does (the durability step picks each case\'s master by it)', async () => {
    const client = t.app.core.redis as Cluster;
    const keys = ['plain', 'redress:{c3}:complaint:RD-20261201-0001', '{}empty-tag', 'a{b}c{d}', '{ab', 'ab}', '投诉:{u:webchat:张}:profile', ''.padEnd(300, 'x')];
    for (const k of keys) expect(clusterSlot(k), k).toBe(Number(await client.cluster('KEYSLOT', k)));
  });

  it('a confirm waits for the replica of its case\'s own master; with more replicas asked than exist, no number', async () => {
    const client = t.app.core.redis as Cluster;
    const c = consumer(t, `durable-${Date.now()}`);
    const id = await fileComplaint(c);
    const marker = t.app.core.keys.replicaAckInShard(t.app.core.keys.shardOf(id));
    expect(Number(await client.get(marker))).toBeGreaterThan(0);

    const strict = await startTestApp('redis://127.0.0.1:1', { REDIS_CLUSTER_NODES: cluster.nodeList, REDIS_AUTOSTART: 'false', REDIS_WAIT_REPLICAS: '2', REDIS_WAIT_TIMEOUT_MS: '300' });
    try {
      const s = consumer(strict, `strict-${Date.now()}`);
      await walkToSummary(s);
      await s.press('confirm');
      expect(s.last()?.text).toMatch(/couldn't save that just now/);
      expect(s.messages().some((m) => /RD-\d{8}-\d{4}/.test(m.message.text ?? ''))).toBe(false);
    } finally {
      await strict.app.close();
    }
  });

  it('indexes outside the complaint\'s slot (consumer, order, day) that could not be written after the commit come from the change log', async () => {
    const store = t.app.core.store;
    const write = store.writeIndexes.bind(store);
    let failures = 2; // the write right after the commit, and the first run of the `indexes` side effect
    store.writeIndexes = async (c) => { if (failures-- > 0) throw new Error('slot unreachable'); await write(c); };
    try {
      const c = consumer(t);
      const id = await fileComplaint(c, 'refund', 'A24680135');
      expect((await store.require(id)).consumerId).toBe(c.consumerId);
      await eventually(async () => (await store.listByConsumer(c.consumerId)).some((x) => x.id === id), 'the consumer index', 10_000);
      expect((await store.listByOrder('A24680135')).map((x) => x.id)).toContain(id);
      expect((await store.listCreatedBetween(0, Date.now() + 1)).map((x) => x.id)).toContain(id);
      expect(failures).toBeLessThan(0);
    } finally {
      store.writeIndexes = write;
    }
  }, 30_000);

  it('a mixed load spreads over the masters: none serves more than 50% of the commands', async () => {
    const masters = await cluster.masters();
    expect(masters).toHaveLength(3);
    await cluster.resetStats(masters);
    await Promise.all(Array.from({ length: 24 }, (_, i) => oneCase(i)));
    await t.app.core.store.listOpen(50);
    const counts = await Promise.all(masters.map((p) => cluster.commandCount(p)));
    const total = counts.reduce((a, b) => a + b, 0);
    const shares = counts.map((n) => n / total);
    console.log(`command share per master (INFO commandstats, 24 cases): ${masters.map((p, i) => `${p}: ${counts[i]} (${(shares[i]! * 100).toFixed(1)}%)`).join(', ')}`);
    expect(total).toBeGreaterThan(1000);
    expect(Math.max(...shares)).toBeLessThanOrEqual(0.5);
  });

  it('kill -9 of a master under a paced load: no confirmed complaint is lost, the switch is retried, not shown', async () => {
    const confirmed: string[] = [];
    const failures: string[] = [];
    let killedAt = 0;
    const runs: Array<Promise<void>> = [];
    for (let i = 0; i < 30; i++) {
      runs.push(oneCase(100 + i).then((id) => { confirmed.push(id); }, (err: unknown) => { failures.push((err as Error).message); }));
      if (i === 10) {
        killedAt = Date.now();
        runs.push(cluster.killMaster().then(() => undefined));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(runs);
    console.log(`kill -9 of a master: ${confirmed.length} confirmed, ${failures.length} failed, done ${Date.now() - killedAt} ms after the kill`, failures.slice(0, 5));
    expect(killedAt).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    expect(confirmed).toHaveLength(30);
    // Every confirmed complaint is there, with its claim, after the replica took over.
    const stored = await t.app.core.store.getMany(confirmed);
    expect(stored.map((c) => c.id).sort()).toEqual([...confirmed].sort());
    expect(stored.every((c) => c.status === 'claimed')).toBe(true);
    await eventually(async () => (await t.app.core.changeLog.pending()) === 0, 'the change log drained', 20_000);
  }, 90_000);
});
