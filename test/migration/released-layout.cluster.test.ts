// The migration on a Redis Cluster: SCAN on every master, the released layout's one slot, the current layout's many.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logging/logger.js';
import { runReleasedLayoutMigration } from '../../src/migration/released-layout.runner.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { TestCluster } from '../helpers/redis-cluster.js';
import { randomPrefix } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { ReleasedRedress } from './released-layout.fixture.js';

const cluster = new TestCluster();
let redis: RedisClient;
let t: TestApp | undefined;

beforeAll(async () => {
  await cluster.start();
  redis = createRedis({ url: 'redis://127.0.0.1:1', clusterNodes: cluster.nodeList.split(','), sentinels: [], sentinelName: 'mymaster' });
}, 120_000);
afterAll(async () => {
  await t?.app.close();
  redis?.disconnect();
  await cluster.destroy();
});

describe('migration from the released key layout on a Cluster', () => {
  it('finds the released keys on their master and writes each case into its own shard', async () => {
    const prefix = randomPrefix();
    const old = new ReleasedRedress(redis, `{${prefix}}`);
    await old.addAgent({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 }, 'ling-released-pw');
    const now = Date.now() - 60_000;
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await old.submit(`test:q${i}`, `c-q${i}`, now + i));

    // A fresh client, as the command has: its first command is the SCAN, before it has read the slot map.
    const fresh = createRedis({ url: 'redis://127.0.0.1:1', clusterNodes: cluster.nodeList.split(','), sentinels: [], sentinelName: 'mymaster' });
    const summary = await runReleasedLayoutMigration(fresh, { prefix, releasedPrefix: `{${prefix}}`, logger: silentLogger, now: systemClock });
    fresh.disconnect();
    expect(summary.skipped).toEqual([]);
    expect(summary.cases).toEqual({ migrated: 6, open: 6, already: 0 });
    expect(summary.agents.migrated).toBe(1);
    expect(await redis.exists(old.k.created(), old.k.open(), old.k.agents())).toBe(0);

    t = await startTestApp('redis://127.0.0.1:1', { REDIS_CLUSTER_NODES: cluster.nodeList, REDIS_AUTOSTART: 'false' }, { prefix });
    const q0 = consumer(t, 'q0');
    await q0.say('/status');
    expect(q0.last()?.text).toContain(cases[0]!.id);
    await eventually(async () => (await t!.app.core.queueIndex.page({ limit: 50 })).rows.length === 6, 'six cases in the queue');
    const filed = await fileComplaint(consumer(t, 'q9'));
    expect(cases.map((c) => c.id)).not.toContain(filed);
  }, 120_000);
});
