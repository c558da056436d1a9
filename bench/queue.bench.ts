/**
 * The agents' queue page with 100 open cases vs 10,000 (issue 9: goal ≤ 1.5× at p99). One private redis-server and
 * two consoles in this process, each on its own key prefix: one seeded with 100 open cases, one with 10,000 (through
 * the store and the queue index). Requests go to the two in turn (small, big, small, big…), so both sizes run in the
 * same seconds and share whatever else the machine is doing; each scenario takes `--n` samples per size (p99 is
 * then the 1/100 worst of them: at 2,000 the 20th, not one unlucky request).
 * Run: npm run bench:queue -- [--n 2000] [--rounds 3]
 */
import { parseArgs } from 'node:util';
import { RedisChangeLog } from '../src/changes/change-log.js';
import { AgentClient } from '../test/adapters/console/console-client.js';
import { startWorld } from '../test/adapters/console/console-fixture.js';
import { seedOpenCases, seedOrder } from '../test/adapters/console/queue-seed.js';
import { startBenchRedis } from './bench-redis.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '1' } } });
const N = Number(values.n);
const ROUNDS = Number(values.rounds);
const SIZES = [100, 10_000] as const;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Desk { agent: AgentClient; page2: string }

async function timed(agent: AgentClient, path: string): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await agent.get(path);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return ms;
}

/** `N` requests to each desk, alternating (which one goes first alternates too); returns p50/p99 per desk. */
async function measure(desks: Desk[], path: (d: Desk) => string): Promise<Array<{ p50: number; p99: number }>> {
  for (let i = 0; i < 50; i++) for (const d of desks) await timed(d.agent, path(d)); // warm-up
  const ms: number[][] = desks.map(() => []);
  for (let i = 0; i < N; i++) {
    const order = i % 2 ? [...desks.keys()].reverse() : [...desks.keys()];
    for (const k of order) ms[k]!.push(await timed(desks[k]!.agent, path(desks[k]!)));
  }
  return ms.map((m) => {
    m.sort((a, b) => a - b);
    return { p50: pct(m, 50), p99: pct(m, 99) };
  });
}

const scenarios: Array<[string, (d: Desk) => string]> = [
  ['first page (50, by priority)', () => '/console/api/queue?limit=50'],
  ['second page (cursor)', (d) => `/console/api/queue?limit=50&cursor=${d.page2}`],
  ['filter tier=high + channel', () => '/console/api/queue?limit=50&tier=high&channel=telegram'],
  ['search by order number', () => `/console/api/queue?q=${seedOrder(42)}`],
  ['search by two words', () => '/console/api/queue?q=parcel%20late&limit=50'],
];

const redis = await startBenchRedis();
const worlds = await Promise.all(SIZES.map(() => startWorld(redis.url)));
try {
  const desks: Desk[] = [];
  for (const [k, open] of SIZES.entries()) {
    const w = worlds[k]!;
    const took = await seedOpenCases(w.store, w.queueIndex, new RedisChangeLog(w.redis, w.keys), open);
    const agent = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    desks.push({ agent, page2: (await agent.get<{ next: string }>('/console/api/queue?limit=50')).body.next });
    console.log(`${open} open cases seeded in ${Math.round(took)} ms`);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`\n| round ${round}: page (${N} requests per size, alternating) | 100 open p50 / p99 | 10,000 open p50 / p99 | ratio p50 / p99 |`);
    console.log('|---|---|---|---|');
    for (const [name, path] of scenarios) {
      const [small, big] = await measure(desks, path);
      const f = (x: number) => x.toFixed(2);
      console.log(`| ${name} | ${f(small!.p50)} / ${f(small!.p99)} ms | ${f(big!.p50)} / ${f(big!.p99)} ms | ×${(big!.p50 / small!.p50).toFixed(2)} / ×${(big!.p99 / small!.p99).toFixed(2)} |`);
    }
  }
} finally {
  await Promise.all(worlds.map((w) => w.close()));
  await redis.stop();
}
