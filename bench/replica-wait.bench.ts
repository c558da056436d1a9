/**
 * What WAIT costs: `ComplaintService.submit` latency on master + replica + 3 Sentinels, with
 * REDIS_WAIT_REPLICAS=0 (acknowledged by the master only) and `auto` (acknowledged by the replica too).
 * Run: npx tsx bench/replica-wait.bench.ts [--n 300] [--concurrency 20]
 */
import { parseArgs } from 'node:util';
import type { ComplaintDraft } from '../src/complaints/complaint.types.js';
import { createApp, type RedressApp } from '../src/composition/create-app.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/logging/logger.js';
import { randomPrefix } from '../test/helpers/redis-server.js';
import { SENTINEL_MASTER_NAME, TestSentinel } from '../test/helpers/redis-sentinel.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '20' } } });
const N = Number(values.n);
const CONCURRENCY = Number(values.concurrency);

async function open(s: TestSentinel, replicas: string): Promise<RedressApp> {
  return createApp(loadConfig({
    REDIS_SENTINELS: s.sentinelAddresses.join(','), REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME, REDIS_KEY_PREFIX: randomPrefix(),
    REDIS_WAIT_REPLICAS: replicas, LOG_LEVEL: 'silent', NODE_ENV: 'test',
  }), { logger: silentLogger });
}

let seq = 0;
async function submitOnce(app: RedressApp): Promise<number> {
  const i = ++seq;
  const draft: ComplaintDraft = {
    category: 'quality_defect', orderId: null, description: `Lamp ${i} arrived cracked.`, evidence: [],
    desiredResolution: 'refund', locale: 'en', texts: [`The lamp base ${i} arrived cracked`],
  };
  const t = process.hrtime.bigint();
  await app.core.complaints.submit({ channel: 'bench', conversationId: `b${i}`, userId: `b${i}` }, `bench:${i}`, draft);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** `N` submits, `concurrency` at a time; latencies in ms. */
async function run(app: RedressApp, concurrency: number): Promise<number[]> {
  const out: number[] = [];
  let left = N;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) out.push(await submitOnce(app));
  }));
  return out.sort((a, b) => a - b);
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!.toFixed(2);

const s = new TestSentinel();
await s.start();
const apps = { 'no WAIT (REDIS_WAIT_REPLICAS=0)': await open(s, '0'), 'WAIT 1 (REDIS_WAIT_REPLICAS=auto)': await open(s, 'auto') };
try {
  for (const app of Object.values(apps)) await run(app, 4); // warm-up: triage lexicons, scripts, connections
  console.log(`submit latency, ${N} complaints per row, master + replica + 3 sentinels on one host`);
  console.log('| mode | concurrency | p50 ms | p99 ms | WAIT rounds |\n|---|---|---|---|---|');
  for (const c of [1, CONCURRENCY]) {
    for (const [mode, app] of Object.entries(apps)) {
      const rounds = async () => Number(await app.core.redis.get(app.core.keys.replicaAck()));
      const before = await rounds();
      const xs = await run(app, c);
      console.log(`| ${mode} | ${c} | ${pct(xs, 0.5)} | ${pct(xs, 0.99)} | ${(await rounds()) - before} |`);
    }
  }
} finally {
  await Promise.all(Object.values(apps).map((a) => a.close()));
  await s.destroy();
}
