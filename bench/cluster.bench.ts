/**
 * npm run bench:cluster [-- --cases N --concurrency C --commands --json]
 *
 * Command share per master on a 3-master Redis Cluster (3 replicas), spawned here on free loopback ports
 * (test/helpers/redis-cluster.ts). One Redress (every role, createApp with REDIS_CLUSTER_NODES) runs a mixed load:
 * each case is a consumer filing through the dialog (7 turns), an agent claiming and replying, and both
 * deliveries reaching the consumer. Counted on the servers: INFO commandstats of each master (data commands
 * only; commands inside scripts count too), reset before the load. Goal: no master above 50%. --commands lists the
 * masters' commands per case by name.
 */
import { parseArgs } from 'node:util';
import { TestCluster } from '../test/helpers/redis-cluster.js';
import { consumer, eventually, fileComplaint, startTestApp } from '../test/helpers/test-app.js';
import { commandsPer, pool } from './bench-fixtures.js';

const { values } = parseArgs({ options: { cases: { type: 'string' }, concurrency: { type: 'string' }, commands: { type: 'boolean' }, json: { type: 'boolean' } } });
const CASES = Number(values.cases ?? 200);
const CONCURRENCY = Number(values.concurrency ?? 20);

const cluster = new TestCluster();
await cluster.start();
const t = await startTestApp('redis://127.0.0.1:1', { REDIS_CLUSTER_NODES: cluster.nodeList, REDIS_AUTOSTART: 'false' });
await t.app.core.agents.upsert({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 });
try {
  const masters = await cluster.masters();
  await cluster.resetStats(masters);
  const started = performance.now();
  await pool(CONCURRENCY, CASES, async (n) => {
    const c = consumer(t, `bench${n}`);
    const id = await fileComplaint(c, 'refund', `A${10_000_000 + n}`);
    await t.app.core.agentOps.claim('a-ling', id);
    await t.app.core.agentOps.reply('a-ling', id, `About case ${n}: we are on it.`);
    await eventually(() => c.messages().some((m) => m.message.kind === 'agent_reply'), `the reply of case ${n}`, 60_000);
  });
  const seconds = (performance.now() - started) / 1000;
  const counts = await Promise.all(masters.map((p) => cluster.commandCount(p)));
  const total = counts.reduce((a, b) => a + b, 0);
  const rows = masters.map((port, i) => ({ port, commands: counts[i]!, share: counts[i]! / total }));
  const perCase = values.commands ? commandsPer(await Promise.all(masters.map((p) => cluster.commandStats(p))), CASES) : undefined;
  if (values.json) {
    console.log(JSON.stringify({ cases: CASES, concurrency: CONCURRENCY, seconds, total, masters: rows, ...(perCase ? { perCase } : {}) }));
  } else {
    console.log(`${CASES} cases (file + claim + reply + deliveries), concurrency ${CONCURRENCY}, ${seconds.toFixed(1)} s; ${total} commands on the masters (INFO commandstats)`);
    console.log('| master | commands | share |\n|---|---|---|');
    for (const r of rows) console.log(`| 127.0.0.1:${r.port} | ${r.commands} | ${(r.share * 100).toFixed(1)}% |`);
    console.log(`largest share: ${(Math.max(...rows.map((r) => r.share)) * 100).toFixed(1)}% (goal: at most 50%)`);
    if (perCase) console.log(`commands per case, all masters: ${Object.entries(perCase).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  }
} finally {
  await t.app.close();
  await cluster.destroy();
}
