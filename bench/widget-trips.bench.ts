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
import { SENTINEL_MASTER_NAME, TestSentinel } from '../test/helpers/redis-sentinel.js';
import { isReplicaRefresh, isWidgetCommit } from '../test/e2e/round-trip-bounds.js';
import { ClientWrites, ServerTrips } from './redis-trips.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { consumers: { type: 'string' }, sentinel: { type: 'boolean' } } });
const CONSUMERS = Math.min(50, Number(values.consumers ?? 10));

const sentinel = values.sentinel ? new TestSentinel() : null;
await sentinel?.start();
const bench = sentinel ? null : await startBenchRedis();
const redisUrl = sentinel ? `redis://127.0.0.1:${await sentinel.masterPort()}` : bench!.url;
const config = loadConfig({
  ...(sentinel ? { REDIS_SENTINELS: sentinel.sentinelAddresses.join(','), REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME } : { REDIS_URL: redisUrl }),
  REDIS_KEY_PREFIX: `wt${randomBytes(3).toString('hex')}`, REDIS_AUTOSTART: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test',
  UPLOAD_DIR: '/tmp/redress-bench-uploads',
});
const admin = new Redis(redisUrl);
await admin.ping();
const writes = new ClientWrites(Number(new URL(redisUrl).port), () => [admin.stream.localPort ?? -1]);
const app = await createApp(config, { logger: silentLogger, role: 'web' });
await app.start(0, '127.0.0.1');
const addr = app.http.server.address();
const wsUrl = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/webchat/ws`;
const trips = new ServerTrips(admin);

type Step = { label: string; content: { text?: string; action?: string }; ordinary: boolean };
const intake = (order: string): Step[] => [
  { label: 'first message (intake starts, open-case lookup)', content: { text: 'The parcel arrived damaged and the box was crushed' }, ordinary: false },
  { label: 'press "yes" (category)', content: { action: 'yes' }, ordinary: true },
  { label: 'invalid order number (re-prompt)', content: { text: 'bad!' }, ordinary: true },
  { label: 'order number', content: { text: order }, ordinary: true },
  { label: 'description', content: { text: 'The lamp base is cracked.' }, ordinary: true },
  { label: 'press "skip" (photos)', content: { action: 'skip' }, ordinary: true },
  { label: 'press "refund" (summary shown)', content: { action: 'refund' }, ordinary: true },
  { label: 'press "confirm" (files the complaint)', content: { action: 'confirm' }, ordinary: false },
];
// Each consumer files a first complaint, then (`/new`, another order) a repeat one: the confirm then reads the earlier
// case; then a third about an order that already has another consumer's case (SHARED_ORDER, filed once before).
const SHARED_ORDER = 'S12349999';
const stepsOf = (i: number): Step[] => [
  ...intake(`A1234${String(i).padStart(4, '0')}`),
  { label: '/new (a second complaint, case still open)', content: { text: '/new' }, ordinary: false },
  ...intake(`B8765${String(i).padStart(4, '0')}`).slice(0, -1),
  { label: 'press "confirm" (repeat complaint, other order)', content: { action: 'confirm' }, ordinary: false },
  { label: '/new (a third complaint)', content: { text: '/new' }, ordinary: false },
  ...intake(SHARED_ORDER).slice(0, -1),
  { label: 'press "confirm" (an order with others\' cases)', content: { action: 'confirm' }, ordinary: false },
];
const STEPS = stepsOf(0);
const CONFIRMS = STEPS.flatMap((st, s) => (st.content.action === 'confirm' ? [s] : []));

// Another consumer's case about SHARED_ORDER, filed before anything is counted.
{
  const seed = await Client.open(wsUrl);
  await seed.hello({ locale: 'en' });
  for (const step of intake(SHARED_ORDER)) await seed.turn(step.content, { settleMs: 150 });
  seed.close();
}


/** Per step: round trips until the consumer saw the reply, and in all (with what the turn's changes set off after it). */
const counts: number[][] = STEPS.map(() => []);
const untilReply: number[][] = STEPS.map(() => []);
/** Per step, counted as the process's writes to Redis: up to and including the commit, and in all. */
const toCommit: number[][] = STEPS.map(() => []);
const written: number[][] = STEPS.map(() => []);
for (let i = 0; i < CONSUMERS; i++) {
  const c = await Client.open(wsUrl);
  await c.hello({ locale: 'en' });
  let n = 0;
  for (const [s, step] of stepsOf(i).entries()) {
    let server = { all: 0, atMark: 0 };
    const client = await writes.measure(async () => {
      server = await trips.measure(async (mark) => {
        const clientId = `k${++n}`;
        c.send({ type: 'message', clientId, ...step.content });
        const ack = await c.next('ack', (f) => f.clientId === clientId, 10_000);
        const deadline = Date.now() + 10_000;
        while (!c.msgs().some((e) => e.from === 'bot' && e.seq > (ack.seq ?? 0)) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
        await mark();
        await new Promise((r) => setTimeout(r, 100)); // side effects (and, for a reply sent on its own, the commit) follow
      });
    }, isWidgetCommit, isReplicaRefresh);
    counts[s]!.push(server.all);
    untilReply[s]!.push(server.atMark);
    toCommit[s]!.push(client.toMark);
    written[s]!.push(client.all);
  }
  c.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${String(median(xs)).padStart(3)} (${Math.min(...xs)}–${Math.max(...xs)})`;
console.log(`Widget path${values.sentinel ? ' under Sentinel (master + replica + 3 sentinels)' : ''}, Redis round trips per turn (${CONSUMERS} consumers, median (min–max)).`);
console.log('  Server: reads the Redis server processed over every connection (INFO stats), in all and until the consumer saw the reply.');
console.log('  Writes: what the process wrote to Redis over every connection, up to and including the turn\'s commit, and in all.');
console.log(`  ${''.padEnd(50)} ${'server: in all'.padStart(14)} ${'until reply'.padStart(12)}   ${'writes: to commit'.padStart(17)} ${'in all'.padStart(10)}`);
for (const [s, step] of STEPS.entries()) {
  console.log(`  ${step.label.padEnd(50)} ${range(counts[s]!).padStart(14)} ${range(untilReply[s]!).padStart(12)}   ${range(toCommit[s]!).padStart(17)} ${range(written[s]!).padStart(10)}`);
}
const ordinary = STEPS.flatMap((st, s) => (st.ordinary ? counts[s]! : []));
const ordinaryToCommit = STEPS.flatMap((st, s) => (st.ordinary ? toCommit[s]! : []));
console.log(`  ordinary dialog turn: ${median(ordinary)} on the server (min ${Math.min(...ordinary)}, max ${Math.max(...ordinary)}), ${median(ordinaryToCommit)} writes to its commit`);
for (const s of CONFIRMS) console.log(`  ${STEPS[s]!.label}: ${median(toCommit[s]!)} writes to its commit, ${median(counts[s]!)} on the server in all, ${median(untilReply[s]!)} until the reply`);
admin.disconnect();
await app.close();
await bench?.stop();
await sentinel?.destroy();
