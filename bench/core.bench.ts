/**
 * npm run bench [-- --consumers N --concurrency C --rounds R --handoffs H --filings F --profile FILE --commands --json]
 *
 * The core's figures for the README, in one process against a redis-server this bench spawns on a free
 * 127.0.0.1 port (append-only, fsync every second):
 * 1. Dialog turns/s and p50/p99 per turn: the real ComplaintBot (createApp, a bench channel, no web
 *    adapters) with RedisDialogStorage, side by side with the same bot on botbuilder's MemoryStorage. Each
 *    consumer walks the intake up to the summary (free text → yes → order → description → skip photos →
 *    refund): dialog only, no confirm. Both bots share the Redis gate and reminder queue; only the dialog
 *    state store differs. Rounds alternate which side goes first.
 * 2. Redis round trips per turn (one consumer at a time, before any worker starts): counted by the server over
 *    every connection (INFO total_reads_processed), and on the bot's client with the turn's own trips told apart
 *    from ComplaintService's (the confirm turn files a complaint and runs its side effects).
 * 3. Confirm → handoff visible to an agent (the handoff worker called announceCase), side by side with a
 *    bare BullMQ queue.add → worker pickup on the same Redis, samples alternating, one at a time.
 * 4. Whole complaints per second in one process and Node CPU ms per complaint (process.cpuUsage over the run).
 *    --profile FILE writes a V8 CPU profile of this section alone (open it in Chrome's DevTools); --commands lists
 *    the server's commands per complaint by name (those scripts run included).
 */
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { cpus } from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createApp, type RedressApp } from '../src/composition/create-app.js';
import { ComplaintService } from '../src/complaints/complaint.service.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { silentLogger } from '../src/logging/logger.js';
import type { InboundHandler } from '../src/messages/inbound-handler.port.js';
import type { ConversationAddress, InboundMessage } from '../src/messages/message.types.js';
import { QUEUE } from '../src/queues/queue-names.js';
import { ConversationGate } from '../src/redis/conversation-gate.js';
import { createRedis } from '../src/redis/redis-connection.js';
import { ComplaintBot, consumerIdOf } from '../dialogs/complaint-bot.js';
import { createMemoryDialogStorage } from '../dialogs/memory-dialog.storage.js';
import { AnnounceWatch, commandsPer, LastMessageChannel, median, percentiles, pool, type Percentiles } from './bench-fixtures.js';
import { startBenchRedis } from './bench-redis.js';
import { RedisTrips, ServerTrips, type SentCommand } from './redis-trips.js';

const { values } = parseArgs({ options: {
  consumers: { type: 'string' }, concurrency: { type: 'string' }, rounds: { type: 'string' }, handoffs: { type: 'string' }, filings: { type: 'string' }, profile: { type: 'string' }, commands: { type: 'boolean' }, json: { type: 'boolean' },
} });
const CONSUMERS = Number(values.consumers ?? 400);
const CONCURRENCY = Number(values.concurrency ?? 50);
const ROUNDS = Number(values.rounds ?? 8);
const HANDOFFS = Number(values.handoffs ?? 500);
const SEQUENTIAL = 60;
const PREFIX = 'bench';

type Step = Pick<InboundMessage, 'text' | 'action'>;
const walk = (i: number): Step[] => [
  { text: 'The parcel arrived damaged and the box was crushed' },
  { action: 'yes' },
  { text: `A${10_000_000 + i}` },
  { text: 'The lamp base is cracked.' },
  { action: 'skip' },
  { action: 'refund' },
];
const CONFIRM: Step = { action: 'confirm' };
const STEP_NAMES = ['free text', 'yes', 'order number', 'description', 'skip photos', 'refund', 'confirm'];

const server = await startBenchRedis();
const config = loadConfig({ REDIS_URL: server.url, REDIS_KEY_PREFIX: PREFIX, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const channel = new LastMessageChannel();
const watch = new AnnounceWatch();
// The app opens its connections as in production (its own client, and BullMQ's with the queue scripts defined on
// it); the trips are counted on its own client. Sharing one client with BullMQ made every auto-pipelined batch copy
// BullMQ's 64 script commands onto its Pipeline (ioredis does that per pipeline): 7% of the CPU, production has none of it.
const app = await createApp(config, { logger: silentLogger, channels: [channel], workspaces: [watch], webAdapters: false });
const redis = app.core.redis as Redis;
const trips = new RedisTrips(redis, PREFIX, Object.values(QUEUE));
const bots = { redis: app.bot, memory: twinOnMemory(app, config) };
type Side = keyof typeof bots;
const LABEL: Record<Side, string> = { redis: 'RedisDialogStorage', memory: 'MemoryStorage' };

/** createApp's bot, on MemoryStorage: same gate, services, reply path and reminders. */
function twinOnMemory(a: RedressApp, c: Config): ComplaintBot {
  return new ComplaintBot({
    storage: createMemoryDialogStorage(),
    gate: new ConversationGate(a.core.redis, a.core.keys),
    complaints: a.core.complaints, triage: a.core.triage, logger: silentLogger,
    reply: async (address, message) => {
      await channel.send(address, { ...message, idempotencyKey: `${address.channel}-${address.conversationId}-${message.idempotencyKey}` });
    },
    onWaiting: (address, at) => a.reminders.schedule(address, at),
    defaultLocale: c.DEFAULT_LOCALE, orderIdRegex: c.orderIdRegex, orderIdExample: 'A12345678', maxUploadBytes: c.UPLOAD_MAX_BYTES,
    maxTextChars: c.MESSAGE_MAX_CHARS, firstResponseMinutes: c.SLA_FIRST_RESPONSE_MINUTES, timeZone: c.TIMEZONE,
  });
}

let seq = 0;
const addressOf = (tag: string, i: number): ConversationAddress => ({ channel: channel.id, conversationId: `c-${tag}-${i}`, userId: `${tag}-${i}` });

/** One turn; resolves to its wall time in ms. */
async function turn(bot: InboundHandler, address: ConversationAddress, step: Step): Promise<number> {
  const t0 = performance.now();
  await bot.handle({ id: `m${++seq}`, address, receivedAt: Date.now(), ...step });
  return performance.now() - t0;
}

async function walkToSummary(bot: InboundHandler, address: ConversationAddress, i: number, times?: number[]): Promise<void> {
  for (const step of walk(i)) {
    const ms = await turn(bot, address, step);
    times?.push(ms);
  }
  const last = channel.lastTo(address.conversationId);
  if (!last?.choices?.some((c) => c.value === 'confirm')) throw new Error(`${address.conversationId} did not reach the summary: ${last?.text}`);
}

/** Marks Redis traffic made inside ComplaintService as `service` while it runs; returns the undo. */
function markServicePhase(service: ComplaintService): () => void {
  const names = Object.getOwnPropertyNames(ComplaintService.prototype).filter((n) => n !== 'constructor');
  const target = service as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const name of names) {
    const original = target[name]!;
    target[name] = async (...args) => {
      const outer = trips.phase;
      trips.phase = 'service';
      try { return await original.apply(service, args); } finally { trips.phase = outer; }
    };
  }
  return () => { for (const name of names) delete target[name]; };
}

// ---- warm-up: JIT, Lua script caches, jieba's dictionary, BullMQ's first-use checks ----
for (const side of ['redis', 'memory'] as const) {
  await pool(10, 20, async (i) => {
    const address = addressOf(`warm-${side}`, i);
    await walkToSummary(bots[side], address, i);
    await turn(bots[side], address, CONFIRM);
  });
}

// ---- 2. round trips per turn (before workers start, so only the turns use the client) ----
interface TurnTrips { step: string; serverTrips: number; trips: number; turnTrips: number; serviceTrips: number; commands: SentCommand[] }
const infoRedis = createRedis({ url: server.url }) as Redis;
const serverTrips = new ServerTrips(infoRedis);
async function recordTrips(side: Side): Promise<TurnTrips[]> {
  const undo = markServicePhase(app.core.complaints);
  const address = addressOf(`trips-${side}`, 0);
  const rows: TurnTrips[] = [];
  try {
    for (const [k, step] of [...walk(0), CONFIRM].entries()) {
      trips.reset();
      trips.recording = true;
      const onServer = (await serverTrips.measure(() => turn(bots[side], address, step))).all;
      trips.recording = false;
      rows.push({
        step: STEP_NAMES[k]!, serverTrips: onServer, trips: trips.trips.length, turnTrips: trips.trips.filter((p) => p === 'turn').length,
        serviceTrips: trips.trips.filter((p) => p === 'service').length, commands: trips.commands,
      });
    }
  } finally {
    trips.recording = false;
    undo();
  }
  return rows;
}
const tripRows = { redis: await recordTrips('redis'), memory: await recordTrips('memory') };

// ---- 1. dialog turns: throughput under load, and latency one at a time ----
await app.start(0, '127.0.0.1');
const loaded: Record<Side, { rates: number[]; ms: number[] }> = { redis: { rates: [], ms: [] }, memory: { rates: [], ms: [] } };
for (let r = 0; r < ROUNDS; r++) {
  for (const side of (r % 2 ? ['memory', 'redis'] : ['redis', 'memory']) as Side[]) {
    const t0 = performance.now();
    const ms: number[] = [];
    await pool(CONCURRENCY, CONSUMERS, (i) => walkToSummary(bots[side], addressOf(`load-${side}-${r}`, i), i, ms));
    loaded[side].rates.push(ms.length / ((performance.now() - t0) / 1000));
    loaded[side].ms.push(...ms);
  }
}
const alone: Record<Side, number[]> = { redis: [], memory: [] };
for (let i = 0; i < SEQUENTIAL; i++) {
  for (const side of (i % 2 ? ['memory', 'redis'] : ['redis', 'memory']) as Side[]) await walkToSummary(bots[side], addressOf(`seq-${side}`, i), i, alone[side]);
}

// ---- 3. confirm → announceCase vs bare queue.add → worker pickup ----
const bareRedis = createRedis({ url: server.url }) as Redis;
const bareQueue = new Queue('bare', { connection: bareRedis, prefix: PREFIX });
const picked = new Map<number, (at: number) => void>();
const bareWorker = new Worker('bare', async (job) => { picked.get(job.data.n as number)?.(performance.now()); }, { connection: bareRedis, prefix: PREFIX, concurrency: 4 });
await bareWorker.waitUntilReady();
async function bareSample(n: number): Promise<number> {
  const pickup = new Promise<number>((resolve) => picked.set(n, resolve));
  const t0 = performance.now();
  await bareQueue.add('bare', { n });
  const at = await pickup;
  picked.delete(n);
  return at - t0;
}
const enqueuedAt = new Map<string, number>();
const enqueue = app.core.handoff.enqueue.bind(app.core.handoff);
app.core.handoff.enqueue = async (c) => { enqueuedAt.set(c.consumerId, performance.now()); await enqueue(c); };

const WARM_HANDOFFS = 10;
const handoffAddresses = Array.from({ length: HANDOFFS + WARM_HANDOFFS }, (_, i) => addressOf('handoff', i));
await pool(CONCURRENCY, handoffAddresses.length, (i) => walkToSummary(bots.redis, handoffAddresses[i]!, 1000 + i));
const handoff = { confirmToAnnounce: [] as number[], enqueueToAnnounce: [] as number[], confirmTurn: [] as number[], bare: [] as number[] };
for (const [i, address] of handoffAddresses.entries()) {
  const consumerId = consumerIdOf(address);
  const announced = watch.next(consumerId);
  const t0 = performance.now();
  const turnMs = await turn(bots.redis, address, CONFIRM);
  const at = await announced;
  if (!/RD-\d{8}-\d+/.test(channel.lastTo(address.conversationId)?.text ?? '')) throw new Error(`${address.conversationId}: no complaint number after confirm`);
  const bare = await bareSample(i);
  if (i < WARM_HANDOFFS) continue;
  handoff.confirmToAnnounce.push(at - t0);
  handoff.enqueueToAnnounce.push(at - enqueuedAt.get(consumerId)!);
  handoff.confirmTurn.push(turnMs);
  handoff.bare.push(bare);
}

// ---- 4. whole complaints per second and Node CPU per complaint (intake walk + confirm + side effects + delivery) ----
const FILINGS = Number(values.filings ?? 200);
const profiler = values.profile ? await startProfile() : undefined;
async function drained(): Promise<void> {
  const connection = redis.duplicate();
  const deliveries = new Queue(QUEUE.delivery, { connection, prefix: PREFIX });
  try {
    for (const until = performance.now() + 60_000; performance.now() < until;) {
      const counts = await deliveries.getJobCounts('waiting', 'active', 'prioritized');
      if (await app.core.changeLog.pending() === 0 && Object.values(counts).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('side effects still pending 60 s after the last confirm');
  } finally {
    await deliveries.close();
    connection.disconnect();
  }
}
const statsOf = async () => {
  const info = await infoRedis.info('stats');
  return { commands: Number(/total_commands_processed:(\d+)/.exec(info)?.[1]), reads: Number(/total_reads_processed:(\d+)/.exec(info)?.[1]) };
};
if (values.commands) await infoRedis.config('RESETSTAT');
const stats0 = await statsOf();
const cpu0 = process.cpuUsage();
const f0 = performance.now();
// A filing counts once its case reached the agents' workspace, and the clock stops only when the change log and the
// delivery queue are empty: side effects still queued when the last confirm returns are part of the work measured.
await pool(20, FILINGS, async (i) => {
  const address = addressOf('filing', i);
  await walkToSummary(bots.redis, address, 5000 + i);
  const announced = watch.next(consumerIdOf(address), 60_000);
  await turn(bots.redis, address, CONFIRM);
  await announced;
});
await drained();
const filingWallS = (performance.now() - f0) / 1000;
const cpu = process.cpuUsage(cpu0);
if (profiler) await profiler.stop(values.profile!);
const stats1 = await statsOf();
const perCommand = values.commands ? commandsPer([await infoRedis.info('commandstats')], FILINGS) : undefined;
// The server's counts include the side effects still running when the last confirm returned (a few), not any before.
const filing = {
  complaints: FILINGS, perSec: Math.round(FILINGS / filingWallS), cpuMsPerComplaint: (cpu.user + cpu.system) / 1000 / FILINGS,
  commandsPerComplaint: Math.round((stats1.commands - stats0.commands) / FILINGS), readsPerComplaint: Math.round((stats1.reads - stats0.reads) / FILINGS),
};

await bareWorker.close();
await bareQueue.close();
bareRedis.disconnect();
await app.close();
infoRedis.disconnect();
await server.stop();

/** The inspector's sampling profiler on this process; stop writes the .cpuprofile. */
async function startProfile(): Promise<{ stop: (file: string) => Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async (file) => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

// ---- report ----
const round = (x: number, d = 2) => +x.toFixed(d);
const pct = (p: Percentiles) => ({ p50: round(p.p50), p90: round(p.p90), p99: round(p.p99), max: round(p.max), n: p.n });
const dialog = Object.fromEntries((['redis', 'memory'] as const).map((s) => [s, {
  turnsPerSec: Math.round(median(loaded[s].rates)), loadedMs: pct(percentiles(loaded[s].ms)), aloneMs: pct(percentiles(alone[s])),
}])) as Record<Side, { turnsPerSec: number; loadedMs: ReturnType<typeof pct>; aloneMs: ReturnType<typeof pct> }>;
const hp = {
  confirmToAnnounce: pct(percentiles(handoff.confirmToAnnounce)), enqueueToAnnounce: pct(percentiles(handoff.enqueueToAnnounce)),
  confirmTurn: pct(percentiles(handoff.confirmTurn)), bare: pct(percentiles(handoff.bare)),
};
const report = {
  node: process.version, cores: cpus().length, redis: server.url,
  dialog: { consumersPerRound: CONSUMERS, concurrency: CONCURRENCY, rounds: ROUNDS, sequentialConsumers: SEQUENTIAL, ...dialog,
    throughputRatio: round(dialog.redis.turnsPerSec / dialog.memory.turnsPerSec),
    p50Ratio: round(dialog.redis.loadedMs.p50 / dialog.memory.loadedMs.p50), p99Ratio: round(dialog.redis.loadedMs.p99 / dialog.memory.loadedMs.p99) },
  roundTrips: Object.fromEntries((['redis', 'memory'] as const).map((s) => [s, tripRows[s].map(({ commands, ...r }) => ({ ...r, commands: commands.length }))])),
  filing: { ...filing, cpuMsPerComplaint: round(filing.cpuMsPerComplaint), ...(perCommand ? { perCommand } : {}) },
  handoff: { samples: HANDOFFS, ...hp,
    p50Ratio: round(hp.confirmToAnnounce.p50 / hp.bare.p50), p99Ratio: round(hp.confirmToAnnounce.p99 / hp.bare.p99),
    queueLegP50Ratio: round(hp.enqueueToAnnounce.p50 / hp.bare.p50), queueLegP99Ratio: round(hp.enqueueToAnnounce.p99 / hp.bare.p99) },
};

if (values.json) console.log(JSON.stringify(report));
else printReport();

/** `EVAL gate │ MGET state │ MULTI+EVAL state+EVAL gate+EXEC` — one cell per round trip. */
function describeTurn(commands: SentCommand[]): string {
  const byTrip = new Map<number, SentCommand[]>();
  for (const c of commands) if (c.phase === 'turn') byTrip.set(c.trip, [...(byTrip.get(c.trip) ?? []), c]);
  const turnCells = [...byTrip.values()].map((cs) => cs.map((c) => (c.family === '-' ? c.name : `${c.name} ${c.family}`)).join(' + '));
  const service = commands.filter((c) => c.phase === 'service');
  if (!service.length) return turnCells.join(' │ ');
  const families = new Map<string, number>();
  for (const c of service) families.set(c.family, (families.get(c.family) ?? 0) + 1);
  return `${turnCells.join(' │ ')}  ‖ service: ${service.length} cmds (${[...families].map(([f, n]) => `${f} ${n}`).join(', ')})`;
}

function printReport(): void {
  const f = (x: number) => x.toFixed(2).padStart(7);
  const d = report.dialog;
  console.log(`Redress core bench — Node ${report.node}, ${report.cores} cores, redis-server at ${report.redis} (started like ensureRedis: appendonly, fsync everysec)\n`);
  console.log(`1. Dialog turns (intake to the summary, 6 turns/consumer, no confirm): ${d.rounds} rounds × ${d.consumersPerRound} consumers, ${d.concurrency} at a time; then ${d.sequentialConsumers} consumers one at a time`);
  console.log('storage               turns/s │ loaded p50   p90    p99 ms │ alone p50   p99 ms');
  for (const s of ['redis', 'memory'] as const) {
    const r = d[s];
    console.log(`${LABEL[s].padEnd(20)} ${String(r.turnsPerSec).padStart(8)} │ ${f(r.loadedMs.p50)}${f(r.loadedMs.p90)}${f(r.loadedMs.p99)}    │ ${f(r.aloneMs.p50)}${f(r.aloneMs.p99)}`);
  }
  console.log(`Redis / Memory: throughput ×${d.throughputRatio}, loaded p50 ×${d.p50Ratio}, loaded p99 ×${d.p99Ratio}`);
  console.log('\n2. Redis round trips per turn (one consumer, sequential): on the server over every connection, and on the bot\'s client (commands sent together share a trip)');
  for (const s of ['redis', 'memory'] as const) {
    console.log(`${LABEL[s]}\n  step           server │ client  turn  service   what (│ separates round trips of the turn itself)`);
    for (const r of tripRows[s]) console.log(`  ${r.step.padEnd(14)} ${String(r.serverTrips).padStart(6)} │ ${String(r.trips).padStart(6)} ${String(r.turnTrips).padStart(5)} ${String(r.serviceTrips).padStart(8)}   ${describeTurn(r.commands)}`);
  }
  const h = report.handoff;
  console.log(`\n3. Handoff: ${h.samples} confirms one at a time, each followed by a bare BullMQ sample (ms)`);
  console.log('path                                  p50     p90     p99     max');
  const line = (name: string, p: ReturnType<typeof pct>) => console.log(`${name.padEnd(34)}${f(p.p50)} ${f(p.p90)} ${f(p.p99)} ${f(p.max)}`);
  line('confirm pressed → announceCase', h.confirmToAnnounce);
  line('  of which the confirm turn', h.confirmTurn);
  line('handoff.enqueue → announceCase', h.enqueueToAnnounce);
  line('bare queue.add → worker pickup', h.bare);
  console.log(`confirm → announce / bare: p50 ×${h.p50Ratio}, p99 ×${h.p99Ratio}; enqueue → announce / bare: p50 ×${h.queueLegP50Ratio}, p99 ×${h.queueLegP99Ratio}`);
  const fl = report.filing;
  console.log(`\n4. Whole complaints (7 turns each, 20 at a time, workers running in this process): ${fl.complaints} in one process → ${fl.perSec} complaints/s, Node CPU ${fl.cpuMsPerComplaint} ms per complaint (user + system, this process: bot, core, queues and workers); on the server ${fl.commandsPerComplaint} commands and ${fl.readsPerComplaint} reads per complaint`);
  if (fl.perCommand) console.log(`   per complaint by command: ${Object.entries(fl.perCommand).map(([n, c]) => `${n} ${c}`).join(', ')}`);
}
