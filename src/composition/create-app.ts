/**
 * The composition root: the only place that knows every part. It builds the core, the dialog bot and the
 * enabled adapters, and starts the roles this process plays (`web`: HTTP, webhooks, sockets; `worker`:
 * queues and timers; `all`: both, the default for one machine).
 */
import type { FastifyInstance } from 'fastify';
import type { AgentWorkspacePort } from '../agents/agent-workspace.port.js';
import { openArchiveDb } from '../archive/open-archive.js';
import { ChangeWorker } from '../changes/change-worker.js';
import type { Clock } from '../clock.js';
import type { ChannelPort } from '../channels/channel.port.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { createHttpServer } from '../http/http-server.js';
import type { ConversationAddress, OutboundMessage } from '../messages/message.types.js';
import { ConversationGate } from '../redis/conversation-gate.js';
import { reconnectDelay } from '../redis/redis-availability.js';
import { createRedis, hostPort, type RedisClient } from '../redis/redis-connection.js';
import { releasedKeys } from '../redis/redis-keys.js';
import { releasedPrefixFor, warnIfReleasedLayout } from '../migration/released-layout.warning.js';
import { SentinelMasterCheck } from '../redis/sentinel-master.js';
import type { InboundHandler } from '../messages/inbound-handler.port.js';
import { EvidenceRetention } from '../retention/evidence-retention.js';
import { ArchiveEviction } from '../archive/archive-eviction.js';
import { TrackedFileStorage } from '../retention/tracked-file.storage.js';
import { QuotaFileStorage } from '../storage/quota-file.storage.js';
import { LocalFileStorage } from '../storage/local-file.storage.js';
import { CHANNEL_ADAPTERS, ROUTE_ADAPTERS, WORKSPACE_ADAPTERS, type AdapterContext } from './adapter-table.js';
import { ComplaintBot } from '../../dialogs/complaint-bot.js';
import { DialogReminderQueue } from '../../dialogs/dialog-reminder.queue.js';
import { QUEUE } from '../queues/queue-names.js';
import { orderCheck, recentOrders } from '../orders/order-check.js';
import { RedisDialogStorage } from '../../dialogs/redis-dialog.storage.js';
import { createCoreServices, type CoreServices } from './core-services.js';

export type Role = 'all' | 'web' | 'worker';

const CLOSE_GRACE_MS = 5000;
/** A conversation's lease outlives its turn's timeout by this much (ComplaintBot gives a turn up before its lease lapses). */
const LEASE_MARGIN_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((r) => { (setTimeout(r, ms) as { unref?: () => void }).unref?.(); })]);
}

export interface AppOptions {
  role?: Role;
  logger: Logger;
  /** Extra channels (tests register a local test channel here). */
  channels?: ChannelPort[];
  /** Extra agent workspaces. */
  workspaces?: AgentWorkspacePort[];
  /** Use this Redis client instead of opening one from config. */
  redis?: RedisClient;
  /** The clock every part reads (default: the system's). */
  now?: Clock;
  /** Mount the web widget and the agent console (default true); without them they are still registered to send. */
  webAdapters?: boolean;
}

export interface RedressApp {
  core: CoreServices;
  bot: ComplaintBot;
  /** The consumer-message entry point adapters use (tracks in-flight turns for graceful shutdown). */
  inbound: InboundHandler;
  http: FastifyInstance;
  reminders: DialogReminderQueue;
  /** Finishes side effects of changes whose writer died or failed (runs in the worker role). */
  changeWorker: ChangeWorker;
  /** Starts the HTTP server (web role) and the workers (worker role). Resolves to the bound URL. */
  start(port?: number, host?: string): Promise<string>;
  /** Graceful: stop taking work, finish in-flight turns and jobs, close Redis. */
  close(): Promise<void>;
}

export async function createApp(config: Config, opts: AppOptions): Promise<RedressApp> {
  const role = opts.role ?? 'all';
  const logger = opts.logger;
  // Opened (and migrated) before anything can commit a change, so the first change is archived too; a refusal
  // (the embedded archive open in another process) comes before any connection is made.
  const archiveDb = await openArchiveDb(config);
  const connection = { url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES, sentinels: config.REDIS_SENTINELS, sentinelName: config.REDIS_SENTINEL_NAME };
  // Redress's own reads and writes auto-pipeline: what one turn sends together (lookups, index writes, side effects
  // running side by side) leaves in one write, one round trip. BullMQ keeps a plain client of its own: its scripts
  // were not written for a shared auto-pipeline, and reports of lost job data with it on (Bull) are not worth the risk.
  const redis = opts.redis ?? createRedis(connection, { retryStrategy: reconnectDelay, enableAutoPipelining: true });
  const queueRedis = opts.redis ?? createRedis(connection, { retryStrategy: reconnectDelay });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));
  if (queueRedis !== redis) queueRedis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error (queues)'));
  const core = createCoreServices(config, redis, logger, opts.now, { queueRedis, archiveDb });
  const quotaBytes = Math.round(config.UPLOAD_DISK_QUOTA_MB * 1024 * 1024);
  const storage = new TrackedFileStorage(new QuotaFileStorage(new LocalFileStorage({ dir: config.UPLOAD_DIR }), redis, core.keys, quotaBytes), redis, core.keys);
  // Every role scores new files for the retention sweep; only processes running the workers sweep.
  const retention = new EvidenceRetention({ complaints: core.complaints, storage, redis, keys: core.keys, retentionDays: config.UPLOAD_RETENTION_DAYS, logger });
  core.events.on('retention', retention.track);
  // Closed cases leave Redis once archived (worker role); without the archive nothing may leave it.
  const eviction = core.archive && core.archiveReader && config.ARCHIVE_AFTER_DAYS > 0
    ? new ArchiveEviction({ redis, keys: core.keys, store: core.store, reader: core.archiveReader, projection: core.archive, afterDays: config.ARCHIVE_AFTER_DAYS, logger, now: core.now })
    : null;
  for (const c of opts.channels ?? []) core.channels.register(c);
  for (const w of opts.workspaces ?? []) core.workspaces.register(w);
  const reminders = new DialogReminderQueue(queueRedis, core.keys.queue(QUEUE.reminder), config.dialogReminderMs, logger, core.now);
  const bot = new ComplaintBot({
    now: core.now,
    storage: new RedisDialogStorage(redis, core.keys),
    gate: new ConversationGate(redis, core.keys, config.TURN_TIMEOUT_MS + LEASE_MARGIN_MS, undefined, config.REDIS_WAIT_MS),
    complaints: core.complaints,
    triage: core.triage,
    logger,
    reply: (address, message) => replyNow(core, address, message, logger),
    replyInCommit: (address, message) => core.channels.get(address.channel)?.prepareSend?.(address, keyedReply(address, message)),
    onWaiting: (address, at) => reminders.schedule(address, at),
    reminderDelayMs: config.dialogReminderMs,
    defaultLocale: config.DEFAULT_LOCALE,
    orderIdRegex: config.orderIdRegex,
    orderIdExample: config.ORDER_NUMBER_EXAMPLE,
    checkOrder: core.orders ? orderCheck(core.orders) : undefined,
    recentOrders: core.orders ? recentOrders(core.orders) : undefined,
    botName: config.BOT_NAME,
    agentName: async (id) => (await core.agents.get(id))?.name,
    maxUploadBytes: config.UPLOAD_MAX_BYTES,
    maxTextChars: config.MESSAGE_MAX_CHARS,
    firstResponseMinutes: config.SLA_FIRST_RESPONSE_MINUTES,
    timeZone: config.TIMEZONE,
    turnTimeoutMs: config.TURN_TIMEOUT_MS,
  });
  const sentinelCheck = config.REDIS_SENTINELS.length && !config.REDIS_CLUSTER_NODES.length
    ? new SentinelMasterCheck(config.REDIS_SENTINELS.map(hostPort), config.REDIS_SENTINEL_NAME) : undefined;
  const readinessChecks = sentinelCheck ? [() => sentinelCheck.problem(redis as { stream?: { remoteAddress?: string; remotePort?: number } })] : [];
  const http = createHttpServer({ redis, readyKey: core.keys.readiness(), redisWaitMs: config.REDIS_WAIT_MS, readinessChecks, trustProxy: config.TRUST_PROXY });
  http.addHook('onClose', async () => sentinelCheck?.close());
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;
  /** What adapters call: refuses new turns while shutting down, and tracks in-flight ones so close() can wait. */
  const inbound: InboundHandler = {
    handle: (message) => {
      if (closing) return Promise.reject(new Error('Redress is shutting down; the message was not taken (the channel will retry).'));
      const turn = bot.handle(message).finally(() => inFlight.delete(turn));
      inFlight.add(turn);
      return turn;
    },
  };
  await registerAdapters(http, { core, inbound, storage }, role !== 'worker', opts.webAdapters ?? true);
  const changeWorker = new ChangeWorker(core.changeLog, core.changes, logger, { leaseMs: config.CHANGE_LEASE_MS, now: core.now });

  const start = async (port = config.PORT, host = config.HOST): Promise<string> => {
    await warnIfReleasedLayout(redis, core.keys, releasedKeys(releasedPrefixFor(config.REDIS_KEY_PREFIX)), logger);
    if (role !== 'web') {
      startWorkers(core, bot, reminders, changeWorker);
      retention.start();
      eviction?.start();
    }
    if (role === 'worker') {
      await http.listen({ port, host });
      return `http://${host}:${port}`;
    }
    return http.listen({ port, host });
  };

  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await http.close();
    await Promise.allSettled([...inFlight]);
    await withTimeout(changeWorker.stop(), CLOSE_GRACE_MS);
    if (core.eventsOut) await withTimeout(core.eventsOut.dispatcher.stop(), CLOSE_GRACE_MS);
    await withTimeout(retention.stop(), CLOSE_GRACE_MS);
    if (eviction) await withTimeout(eviction.stop(), CLOSE_GRACE_MS);
    // BullMQ's worker.close() can wait forever on a blocking connection that Redis dropped and
    // re-established; jobs are durable, so after a grace period we stop waiting and disconnect.
    await Promise.allSettled([core.delivery, core.handoff, core.sla, core.merchantDeadlines, reminders].map((q) => withTimeout(q.close(), CLOSE_GRACE_MS)));
    core.replicaAck?.close();
    await archiveDb?.close().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'archive did not close cleanly'));
    // quit() waits for Redis to answer; one that is gone or slow must not keep the process from ending.
    if (!opts.redis) {
      await Promise.all([redis, queueRedis].map(async (r) => {
        const quit = await withTimeout(r.quit().then(() => true, () => false), 2000);
        // Under Sentinel, quit() leaves the failover detector's Sentinel subscriptions open (ioredis #1362): they
        // reconnect forever and keep the process alive. disconnect() closes them, and is a no-op once quit is done.
        if (quit !== true || ('sentinels' in r.options && r.options.sentinels?.length)) r.disconnect();
      }));
    }
  };

  return { core, bot, inbound, http, reminders, changeWorker, start, close };
}

/**
 * Every enabled adapter, in every role: mounted on the HTTP server where this process serves the web,
 * otherwise only its sending half, so workers can deliver to every channel and post to every workspace.
 */
async function registerAdapters(http: FastifyInstance, ctx: AdapterContext, web: boolean, webPages: boolean): Promise<void> {
  const checks = [...CHANNEL_ADAPTERS, ...WORKSPACE_ADAPTERS].filter((a) => a.check && a.enabled(ctx.core.config));
  http.addHook('onReady', async () => {
    // Not awaited: start-up must not wait on a platform; each check reports its own problems.
    for (const a of checks) void a.check!(ctx).catch((err: unknown) => ctx.core.logger.error({ err: (err as Error).message, adapter: a.id }, 'adapter check failed'));
  });
  const mounted = (a: { webPage?: boolean }) => web && (webPages || !a.webPage);
  for (const a of CHANNEL_ADAPTERS.filter((x) => x.enabled(ctx.core.config))) {
    ctx.core.channels.register(mounted(a) ? await a.mount(http, ctx) : a.sender(ctx));
  }
  for (const a of WORKSPACE_ADAPTERS.filter((x) => x.enabled(ctx.core.config))) {
    ctx.core.workspaces.register(mounted(a) ? await a.mount(http, ctx) : a.sender(ctx));
  }
  for (const a of ROUTE_ADAPTERS.filter((x) => web && x.enabled(ctx.core.config))) await a.mount(http, ctx);
}

function startWorkers(core: CoreServices, bot: ComplaintBot, reminders: DialogReminderQueue, changes: ChangeWorker): void {
  changes.start();
  core.eventsOut?.dispatcher.start();
  core.delivery.startWorker(core.channels, async (job, error) => {
    const id = job.message.complaintId;
    if (!id) return;
    await core.store.appendEvent(id, {
      at: core.now(), type: 'delivery_failed', actor: { kind: 'system', id: 'delivery' }, channel: job.address.channel,
      data: { error, kind: job.message.kind, text: job.message.text },
    });
  });
  core.handoff.startWorker(core.store, () => core.workspaces.all());
  core.sla.startWorker(core.complaints);
  core.merchantDeadlines.startWorker(core.complaints);
  reminders.startWorker((job) => bot.remind(job.address, job.lastTurnAt));
}

/**
 * A dialog reply goes straight to the channel (the consumer is waiting for it); if that fails it is
 * handed to the delivery queue, which retries it — the reply is never dropped.
 */
async function replyNow(core: CoreServices, address: ConversationAddress, message: OutboundMessage & { idempotencyKey: string }, logger: Logger): Promise<void> {
  const keyed = keyedReply(address, message);
  const channel = core.channels.get(address.channel);
  // The direct path keeps the queue's policy (order per chat, the platform's send windows); else the queue sends it.
  if (channel && await core.delivery.mayReplyDirectly(address, channel.capabilities, keyed.idempotencyKey)) {
    try {
      await channel.send(address, keyed);
      return;
    } catch (err) {
      logger.warn({ err: (err as Error).message, channel: address.channel }, 'direct reply failed; queued for retry');
    }
  }
  await core.delivery.enqueue(address, keyed);
}

/** A dialog reply's idempotency key across channels and conversations (the same whether sent now or in the commit). */
function keyedReply(address: ConversationAddress, message: OutboundMessage & { idempotencyKey: string }): OutboundMessage & { idempotencyKey: string } {
  return { ...message, idempotencyKey: `${address.channel}-${address.conversationId}-${message.idempotencyKey}` };
}
