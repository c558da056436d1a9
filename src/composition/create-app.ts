/**
 * The composition root: the only place that knows every part. It builds the core, the dialog bot and the
 * enabled adapters, and starts the roles this process plays (`web`: HTTP, webhooks, sockets; `worker`:
 * queues and timers; `all`: both, the default for one machine).
 */
import type { FastifyInstance } from 'fastify';
import type { AgentWorkspacePort } from '../agents/agent-workspace.port.js';
import type { ChannelPort } from '../channels/channel.port.js';
import { slackConfig, type Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { createHttpServer } from '../http/http-server.js';
import type { ConversationAddress, OutboundMessage } from '../messages/message.types.js';
import { ConversationGate } from '../redis/conversation-gate.js';
import { createRedis, type RedisClient } from '../redis/redis-connection.js';
import type { InboundHandler } from '../messages/inbound-handler.port.js';
import { LocalFileStorage } from '../storage/local-file.storage.js';
import { createConsoleWorkspace, registerConsole } from '../../adapters/console/index.js';
import { createSlackWorkspace, registerSlack } from '../../adapters/slack/index.js';
import { createTelegramChannel, registerTelegram } from '../../adapters/telegram/index.js';
import { registerWebchat } from '../../adapters/webchat/index.js';
import { ComplaintBot } from '../../dialogs/complaint-bot.js';
import { DialogReminderQueue } from '../../dialogs/dialog-reminder.queue.js';
import { RedisDialogStorage } from '../../dialogs/redis-dialog.storage.js';
import { createCoreServices, type CoreServices } from './core-services.js';

export type Role = 'all' | 'web' | 'worker';

const CLOSE_GRACE_MS = 5000;

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
  /** Mount the web widget and the agent console (default true). */
  webAdapters?: boolean;
}

export interface RedressApp {
  core: CoreServices;
  bot: ComplaintBot;
  /** The consumer-message entry point adapters use (tracks in-flight turns for graceful shutdown). */
  inbound: InboundHandler;
  http: FastifyInstance;
  reminders: DialogReminderQueue;
  /** Starts the HTTP server (web role) and the workers (worker role). Resolves to the bound URL. */
  start(port?: number, host?: string): Promise<string>;
  /** Graceful: stop taking work, finish in-flight turns and jobs, close Redis. */
  close(): Promise<void>;
}

export async function createApp(config: Config, opts: AppOptions): Promise<RedressApp> {
  const role = opts.role ?? 'all';
  const logger = opts.logger;
  const redis = opts.redis ?? createRedis({ url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES, sentinels: config.REDIS_SENTINELS, sentinelName: config.REDIS_SENTINEL_NAME });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));
  const core = createCoreServices(config, redis, logger);
  for (const c of opts.channels ?? []) core.channels.register(c);
  core.workspaces.push(...(opts.workspaces ?? []));
  const reminders = new DialogReminderQueue(redis, core.keys.prefix, config.dialogReminderMs, logger);
  const bot = new ComplaintBot({
    storage: new RedisDialogStorage(redis, core.keys),
    gate: new ConversationGate(redis, core.keys),
    complaints: core.complaints,
    triage: core.triage,
    logger,
    reply: (address, message) => replyNow(core, address, message, logger),
    onWaiting: (address, at) => reminders.schedule(address, at),
    defaultLocale: config.DEFAULT_LOCALE,
    orderIdRegex: config.orderIdRegex,
    orderIdExample: 'A12345678',
    maxUploadBytes: config.UPLOAD_MAX_BYTES,
    maxTextChars: config.MESSAGE_MAX_CHARS,
    firstResponseMinutes: config.SLA_FIRST_RESPONSE_MINUTES,
    timeZone: config.TIMEZONE,
  });
  const http = createHttpServer({ redis });
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
  if (role !== 'worker') await registerWebAdapters(http, core, inbound, opts.webAdapters ?? true);
  else core.workspaces.push(createConsoleWorkspace(core));
  // Workers post to Slack too (handoff announcements, SLA alerts) through the Web API, without the receiver.
  const slack = slackConfig(config);
  if (role === 'worker' && slack) core.workspaces.push(createSlackWorkspace({ ...core, slack }));
  // Workers deliver queued messages, so they need Telegram's sender (not its webhook).
  if (role === 'worker' && config.TELEGRAM_BOT_TOKEN) core.channels.register(createTelegramChannel(core));

  const start = async (port = config.PORT, host = config.HOST): Promise<string> => {
    if (role !== 'web') startWorkers(core, bot, reminders);
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
    // BullMQ's worker.close() can wait forever on a blocking connection that Redis dropped and
    // re-established; jobs are durable, so after a grace period we stop waiting and disconnect.
    await Promise.allSettled([core.delivery, core.handoff, core.sla, reminders].map((q) => withTimeout(q.close(), CLOSE_GRACE_MS)));
    if (!opts.redis) await withTimeout(redis.quit(), 2000).catch(() => redis.disconnect());
  };

  return { core, bot, inbound, http, reminders, start, close };
}

/** The web widget channel and the local agent console, mounted on the shared HTTP server. */
async function registerWebAdapters(http: FastifyInstance, core: CoreServices, inbound: InboundHandler, enabled: boolean): Promise<void> {
  if (!enabled) return;
  const { config, logger, redis, keys } = core;
  const webchat = await registerWebchat(http, { redis, keys, inbound, storage: new LocalFileStorage({ dir: config.UPLOAD_DIR }), config, logger });
  core.channels.register(webchat);
  if (config.TELEGRAM_BOT_TOKEN) {
    core.channels.register(await registerTelegram(http, { config, redis, keys, logger, inbound, storage: new LocalFileStorage({ dir: config.UPLOAD_DIR }) }));
  }
  core.workspaces.push(await registerConsole(http, {
    redis, keys, complaints: core.complaints, agentOps: core.agentOps, agents: core.agents, profiles: core.profiles, config, logger,
  }));
  const slack = slackConfig(config);
  if (slack) core.workspaces.push(await registerSlack(http, { redis, keys, agents: core.agents, agentOps: core.agentOps, logger, slack, agentsJson: config.AGENTS }));
}

function startWorkers(core: CoreServices, bot: ComplaintBot, reminders: DialogReminderQueue): void {
  core.delivery.startWorker(core.channels, async (job, error) => {
    const id = job.message.complaintId;
    if (!id) return;
    await core.store.appendEvent(id, {
      at: Date.now(), type: 'delivery_failed', actor: { kind: 'system', id: 'delivery' }, channel: job.address.channel,
      data: { error, kind: job.message.kind, text: job.message.text },
    });
  });
  core.handoff.startWorker(core.store, () => core.workspaces);
  core.sla.startWorker(core.complaints, () => core.workspaces);
  reminders.startWorker((job) => bot.remind(job.address, job.lastTurnAt));
}

/**
 * A dialog reply goes straight to the channel (the consumer is waiting for it); if that fails it is
 * handed to the delivery queue, which retries it — the reply is never dropped.
 */
async function replyNow(core: CoreServices, address: ConversationAddress, message: OutboundMessage & { idempotencyKey: string }, logger: Logger): Promise<void> {
  const keyed = { ...message, idempotencyKey: `${address.channel}-${address.conversationId}-${message.idempotencyKey}` };
  const channel = core.channels.get(address.channel);
  if (channel) {
    try {
      await channel.send(address, keyed);
      return;
    } catch (err) {
      logger.warn({ err: (err as Error).message, channel: address.channel }, 'direct reply failed; queued for retry');
    }
  }
  await core.delivery.enqueue(address, keyed);
}
