/**
 * `npm run bench:widget-trips` — Redis round trips of the widget path, counted on the server over every
 * connection (INFO stats → total_reads_processed; commands written together arrive in one read, a MULTI…EXEC
 * sent at once is one). One process (web role: no BullMQ workers polling meanwhile) on a private redis-server;
 * real widget sockets (ws) speak the wire protocol; each consumer walks the intake to its confirm.
 * Reported: the median over consumers of each ordinary dialog turn (message → ack → bot reply → commit) and of the
 * confirm turn (files the complaint: number, create script, indexes, handoff, SLA, change log).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createApp } from '../src/composition/create-app.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/logging/logger.js';
import { Client } from '../test/adapters/webchat/webchat-harness.js';
import { startBenchRedis } from './bench-redis.js';
import { ServerTrips } from './redis-trips.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { consumers: { type: 'string' } } });
const CONSUMERS = Math.min(50, Number(values.consumers ?? 10));

const redis = await startBenchRedis();
const config = loadConfig({
  REDIS_URL: redis.url, REDIS_KEY_PREFIX: `wt${randomBytes(3).toString('hex')}`, REDIS_AUTOSTART: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test',
  UPLOAD_DIR: '/tmp/redress-bench-uploads',
});
const app = await createApp(config, { logger: silentLogger, role: 'web' });
await app.start(0, '127.0.0.1');
const addr = app.http.server.address();
const wsUrl = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/webchat/ws`;
const admin = new Redis(redis.url);
const trips = new ServerTrips(admin);

const STEPS: Array<{ label: string; content: { text?: string; action?: string }; ordinary: boolean }> = [
  { label: 'first message (intake starts, open-case lookup)', content: { text: 'The parcel arrived damaged and the box was crushed' }, ordinary: false },
  { label: 'press "yes" (category)', content: { action: 'yes' }, ordinary: true },
  { label: 'invalid order number (re-prompt)', content: { text: 'bad!' }, ordinary: true },
  { label: 'order number', content: { text: 'A12345678' }, ordinary: true },
  { label: 'description', content: { text: 'The lamp base is cracked.' }, ordinary: true },
  { label: 'press "skip" (photos)', content: { action: 'skip' }, ordinary: true },
  { label: 'press "refund" (summary shown)', content: { action: 'refund' }, ordinary: true },
  { label: 'press "confirm" (files the complaint)', content: { action: 'confirm' }, ordinary: false },
];

/** Per step: round trips until the consumer saw the reply, and in all (with what the turn's changes set off after it). */
const counts: number[][] = STEPS.map(() => []);
const untilReply: number[][] = STEPS.map(() => []);
for (let i = 0; i < CONSUMERS; i++) {
  const c = await Client.open(wsUrl);
  await c.hello({ locale: 'en' });
  let n = 0;
  for (const [s, step] of STEPS.entries()) {
    const { all, atMark } = await trips.measure(async (mark) => {
      const clientId = `k${++n}`;
      c.send({ type: 'message', clientId, ...step.content });
      const ack = await c.next('ack', (f) => f.clientId === clientId, 10_000);
      const deadline = Date.now() + 10_000;
      while (!c.msgs().some((e) => e.from === 'bot' && e.seq > (ack.seq ?? 0)) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      await mark();
      await new Promise((r) => setTimeout(r, 100)); // side effects (and, for a reply sent on its own, the commit) follow
    });
    counts[s]!.push(all);
    untilReply[s]!.push(atMark);
  }
  c.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${String(median(xs)).padStart(3)} (${Math.min(...xs)}–${Math.max(...xs)})`;
console.log(`Widget path, Redis round trips per turn on the server over every connection (${CONSUMERS} consumers, median (min–max)):`);
console.log(`  ${''.padEnd(48)} ${'in all'.padStart(9)}   until the reply is seen (at most: side effects start as the commit returns)`);
for (const [s, step] of STEPS.entries()) console.log(`  ${step.label.padEnd(48)} ${range(counts[s]!).padStart(9)}   ${range(untilReply[s]!)}`);
const ordinary = STEPS.flatMap((st, s) => (st.ordinary ? counts[s]! : []));
console.log(`  ordinary dialog turn: ${median(ordinary)} (min ${Math.min(...ordinary)}, max ${Math.max(...ordinary)}); confirm: ${median(counts.at(-1)!)} in all, ${median(untilReply.at(-1)!)} until the reply`);
admin.disconnect();
await app.close();
await redis.stop();
